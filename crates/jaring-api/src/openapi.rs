//! The OpenAPI 3.1 document of the local API, generated from the types of this crate. Each
//! operation's roles are written into it from [`Route::access`], the same table the server
//! enforces, so the document cannot promise what the node does not do. `docs/openapi.json` is
//! this document, committed; a test fails when it is stale.

use utoipa::OpenApi;

use crate::audit::{
    AuditEntriesQuery, AuditRecord, CheckpointNote, Proof, ProveQuery, Verification,
};
use crate::correlation::{
    Decision, DecisionAnswer, Flagged, Link, Position, Rebuilt, Related, SearchAnswer, SearchQuery,
    Suggestion, Trail, TrailQuery, Via,
};
use crate::directory::{AgencyView, DirectoryView};
use crate::error::{ApiError, ErrorCode};
use crate::messages::{
    Delivery, Direction, FollowEvent, FollowQuery, IdParam, InboxQuery, MessageView, Published,
    ReferralEvent, ReferralState, SendRequest, Sent, ShowQuery, StatusUpdate, Summary, Tracking,
};
use crate::paging::{Page, PageQuery};
use crate::quarantine::QuarantineItem;
use crate::roles::Role;
use crate::routes::{Method, Route};
use crate::status::{Alarm, AuditState, Counts, DirectoryState, Lag, LastError, Status};
use crate::stix::{Export, ExportQuery};
use crate::users::{NameParam, NewUser, PasswordSet, PasswordSetAnswer, RolesUpdate, User, WhoAmI};

// The functions below only carry the path attributes: the handlers are jaringd's.

#[utoipa::path(get, path = "/v1/whoami", tag = "users",
    responses((status = 200, body = WhoAmI), (status = 401, body = ApiError)))]
#[allow(dead_code)]
fn whoami() {}

#[utoipa::path(get, path = "/v1/status", tag = "node",
    responses((status = 200, body = Status), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn status() {}

#[utoipa::path(get, path = "/v1/directory", tag = "node",
    responses((status = 200, body = DirectoryView), (status = 401, body = ApiError)))]
#[allow(dead_code)]
fn directory() {}

#[utoipa::path(get, path = "/v1/inbox", tag = "messages", params(InboxQuery),
    responses((status = 200, body = Page<Summary>), (status = 400, body = ApiError)))]
#[allow(dead_code)]
fn inbox() {}

#[utoipa::path(post, path = "/v1/messages", tag = "messages", request_body = SendRequest,
    responses((status = 200, body = Sent), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn send() {}

#[utoipa::path(get, path = "/v1/messages/{id}", tag = "messages", params(IdParam, ShowQuery),
    responses((status = 200, body = MessageView), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
#[allow(dead_code)]
fn show() {}

#[utoipa::path(post, path = "/v1/referrals/{id}/status", tag = "messages", params(IdParam),
    request_body = StatusUpdate,
    responses((status = 200, body = Sent), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
#[allow(dead_code)]
fn referral_status() {}

#[utoipa::path(get, path = "/v1/quarantine", tag = "node", params(PageQuery),
    responses((status = 200, body = Page<QuarantineItem>), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn quarantine() {}

#[utoipa::path(get, path = "/v1/follow", tag = "messages", params(FollowQuery),
    responses((status = 200, description = "newline-delimited JSON, one FollowEvent a line", body = FollowEvent, content_type = "application/x-ndjson")))]
#[allow(dead_code)]
fn follow() {}

#[utoipa::path(get, path = "/v1/audit/entries", tag = "audit", params(AuditEntriesQuery),
    responses((status = 200, body = Page<AuditRecord>), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn audit_entries() {}

#[utoipa::path(get, path = "/v1/audit/prove", tag = "audit", params(ProveQuery),
    responses((status = 200, body = Proof), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn audit_prove() {}

#[utoipa::path(get, path = "/v1/audit/verify", tag = "audit",
    responses((status = 200, body = Verification), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn audit_verify() {}

#[utoipa::path(get, path = "/v1/audit/checkpoint", tag = "audit",
    responses((status = 200, body = CheckpointNote), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn audit_checkpoint() {}

#[utoipa::path(get, path = "/v1/users", tag = "users", params(PageQuery),
    responses((status = 200, body = Page<User>), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn users() {}

#[utoipa::path(post, path = "/v1/users", tag = "users", request_body = NewUser,
    responses((status = 200, body = User), (status = 409, body = ApiError)))]
#[allow(dead_code)]
fn user_add() {}

#[utoipa::path(delete, path = "/v1/users/{name}", tag = "users", params(NameParam),
    responses((status = 200, body = User), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn user_remove() {}

#[utoipa::path(put, path = "/v1/users/{name}/roles", tag = "users", params(NameParam),
    request_body = RolesUpdate,
    responses((status = 200, body = User), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn user_roles() {}

#[utoipa::path(put, path = "/v1/users/{name}/password", tag = "users", params(NameParam),
    request_body = PasswordSet,
    responses((status = 200, body = PasswordSetAnswer), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn user_password() {}

#[utoipa::path(get, path = "/v1/messages/{id}/tracking", tag = "messages", params(IdParam),
    responses((status = 200, body = Tracking), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn tracking() {}

#[utoipa::path(get, path = "/v1/correlate/search", tag = "correlation", params(SearchQuery),
    responses((status = 200, body = SearchAnswer), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn correlate_search() {}

#[utoipa::path(post, path = "/v1/correlate/rebuild", tag = "correlation",
    responses((status = 200, body = Rebuilt), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn correlate_rebuild() {}

#[utoipa::path(get, path = "/v1/compounds/trail", tag = "correlation", params(TrailQuery),
    responses((status = 200, body = Trail), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn compound_trail() {}

#[utoipa::path(post, path = "/v1/compounds/trail/decisions", tag = "correlation",
    request_body = Decision,
    responses((status = 200, body = DecisionAnswer), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
#[allow(dead_code)]
fn trail_decision() {}

#[utoipa::path(get, path = "/v1/stix/export", tag = "stix", params(ExportQuery),
    responses((status = 200, body = Export), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
#[allow(dead_code)]
fn stix_export() {}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "jaringd local API",
        description = "HTTP/1.1 and JSON over the node's Unix socket. The caller is the socket's peer uid, resolved to a local account and mapped to a jaring user; an unknown caller gets 401 `unknown-user`, a caller without the role 403 `forbidden` (audited as `denied`)."
    ),
    paths(
        whoami,
        status,
        directory,
        inbox,
        send,
        show,
        referral_status,
        quarantine,
        follow,
        audit_entries,
        audit_prove,
        audit_verify,
        audit_checkpoint,
        users,
        user_add,
        user_remove,
        user_roles,
        user_password,
        tracking,
        correlate_search,
        correlate_rebuild,
        compound_trail,
        trail_decision,
        stix_export
    ),
    components(schemas(
        ApiError,
        ErrorCode,
        Role,
        Summary,
        Direction,
        SendRequest,
        Sent,
        Published,
        StatusUpdate,
        MessageView,
        Delivery,
        ReferralState,
        Tracking,
        Via,
        Related,
        Flagged,
        SearchAnswer,
        Position,
        Link,
        Suggestion,
        Trail,
        Decision,
        DecisionAnswer,
        Rebuilt,
        Export,
        PasswordSet,
        PasswordSetAnswer,
        ReferralEvent,
        FollowEvent,
        Status,
        Lag,
        DirectoryState,
        Counts,
        AuditState,
        Alarm,
        LastError,
        QuarantineItem,
        AuditRecord,
        Proof,
        Verification,
        CheckpointNote,
        User,
        NewUser,
        RolesUpdate,
        WhoAmI,
        DirectoryView,
        AgencyView
    ))
)]
struct ApiDoc;

/// The OpenAPI document, with each operation's roles (`x-jaring-roles`, and in words in its
/// description) taken from [`Route::access`].
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = "1".into();
    for route in Route::ALL {
        let Some(item) = doc.paths.paths.get_mut(route.path()) else {
            continue;
        };
        let op = match route.method() {
            Method::Get => item.get.as_mut(),
            Method::Post => item.post.as_mut(),
            Method::Put => item.put.as_mut(),
            Method::Delete => item.delete.as_mut(),
        };
        if let Some(op) = op {
            let roles = route.access().describe();
            op.description = Some(format!("Roles: {roles}."));
            let mut ext = utoipa::openapi::extensions::Extensions::default();
            ext.insert("x-jaring-roles".into(), serde_json::Value::String(roles));
            op.extensions = Some(ext);
        }
    }
    doc
}

/// The document as pretty JSON, as committed in `docs/openapi.json`.
pub fn document_json() -> String {
    let mut text = document().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented_with_its_method_and_roles() {
        let doc = document();
        for route in Route::ALL {
            let item = doc
                .paths
                .paths
                .get(route.path())
                .unwrap_or_else(|| panic!("{} is not in the document", route.label()));
            let op = match route.method() {
                Method::Get => item.get.as_ref(),
                Method::Post => item.post.as_ref(),
                Method::Put => item.put.as_ref(),
                Method::Delete => item.delete.as_ref(),
            };
            let op = op.unwrap_or_else(|| panic!("{} has no operation", route.label()));
            assert_eq!(
                op.description.as_deref(),
                Some(format!("Roles: {}.", route.access().describe()).as_str())
            );
        }
        let operations: usize = doc
            .paths
            .paths
            .values()
            .map(|i| {
                [
                    i.get.is_some(),
                    i.post.is_some(),
                    i.put.is_some(),
                    i.delete.is_some(),
                ]
                .iter()
                .filter(|b| **b)
                .count()
            })
            .sum();
        assert_eq!(operations, Route::ALL.len(), "an operation without a route");
    }
}
