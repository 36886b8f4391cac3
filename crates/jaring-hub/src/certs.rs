//! Development certificates: a CA, a server certificate for loopback, and a client
//! certificate per agency. NOT FOR PRODUCTION: the CA key sits beside the certificates it
//! signs; a real deployment uses the RSO's CA (see docs/operations.md).

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};

use crate::{write_file, HubError};

const WARNING: &str = "These certificates are for development and tests ONLY.\n\
The CA key (ca.key) lies beside the certificates it signed: anyone holding this folder can\n\
issue certificates the hub trusts. For a real hub, have the RSO's CA issue the server\n\
certificate and one client certificate per agency (CN = the agency id), keep the CA key\n\
offline, and point `jaring hub config --tls-dir` at a folder laid out like this one.\n";

/// Where the files of a TLS folder are.
#[derive(Debug, Clone)]
pub struct TlsDir {
    /// The folder.
    pub dir: PathBuf,
}

impl TlsDir {
    /// The CA certificate.
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }
    /// The server certificate.
    pub fn server_cert(&self) -> PathBuf {
        self.dir.join("server.pem")
    }
    /// The server key.
    pub fn server_key(&self) -> PathBuf {
        self.dir.join("server.key")
    }
    /// A client certificate.
    pub fn client_cert(&self, id: &str) -> PathBuf {
        self.dir.join("clients").join(format!("{id}.pem"))
    }
    /// A client key.
    pub fn client_key(&self, id: &str) -> PathBuf {
        self.dir.join("clients").join(format!("{id}.key"))
    }
}

fn cert_err(e: rcgen::Error) -> HubError {
    HubError::Certificate(e.to_string())
}

fn name(cn: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::OrganizationName,
        "jaring development (NOT FOR PRODUCTION)",
    );
    dn.push(DnType::CommonName, cn);
    dn
}

/// Writes a development CA, a loopback server certificate and one client certificate per
/// name (agency ids, and the RSO's administrative identity) into `out`.
pub fn dev_certs(out: &Path, clients: &[String]) -> Result<TlsDir, HubError> {
    let ca_key = KeyPair::generate().map_err(cert_err)?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(cert_err)?;
    ca.distinguished_name = name("jaring development CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key).map_err(cert_err)?;
    let issuer = Issuer::new(ca, &ca_key);

    let dir = TlsDir {
        dir: out.to_owned(),
    };
    write_file(&dir.ca(), ca_cert.pem().as_bytes(), 0o644)?;
    write_file(
        &out.join("ca.key"),
        ca_key.serialize_pem().as_bytes(),
        0o600,
    )?;

    let server_key = KeyPair::generate().map_err(cert_err)?;
    let mut server = CertificateParams::new(vec!["localhost".to_owned()]).map_err(cert_err)?;
    server
        .subject_alt_names
        .push(SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()));
    server
        .subject_alt_names
        .push(SanType::IpAddress(std::net::Ipv6Addr::LOCALHOST.into()));
    server.distinguished_name = name("jaring hub (loopback)");
    // Servers of a cluster also present this certificate to each other as route clients.
    server.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let server_cert = server.signed_by(&server_key, &issuer).map_err(cert_err)?;
    write_file(&dir.server_cert(), server_cert.pem().as_bytes(), 0o644)?;
    write_file(
        &dir.server_key(),
        server_key.serialize_pem().as_bytes(),
        0o600,
    )?;

    for id in clients {
        let key = KeyPair::generate().map_err(cert_err)?;
        let mut params = CertificateParams::new(Vec::<String>::new()).map_err(cert_err)?;
        params.distinguished_name = name(id);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let cert = params.signed_by(&key, &issuer).map_err(cert_err)?;
        write_file(&dir.client_cert(id), cert.pem().as_bytes(), 0o644)?;
        write_file(&dir.client_key(id), key.serialize_pem().as_bytes(), 0o600)?;
    }
    write_file(
        &out.join("README-NOT-FOR-PRODUCTION.txt"),
        WARNING.as_bytes(),
        0o644,
    )?;
    Ok(dir)
}
