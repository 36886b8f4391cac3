//! A test network on disk: root keys, a trust file, agency keys and a signed directory, as the
//! RSO and the agencies would make them with `jaring`.

use std::path::{Path, PathBuf};

use jaring_core::directory::{DirectoryBody, Role};
use jaring_core::{SecretKey, SignedDirectory, Timestamp, Trust};

/// One agency of a test network.
#[derive(Debug, Clone)]
pub struct Member {
    /// Agency id.
    pub id: String,
    /// Its role.
    pub role: Role,
}

/// A network written under a directory.
#[derive(Debug)]
pub struct TestNetwork {
    /// Where the files are.
    pub dir: PathBuf,
    /// The members.
    pub members: Vec<Member>,
}

impl TestNetwork {
    /// Makes keys for two roots and each member, a 2-of-2 trust file and a directory signed
    /// by both roots (serial 1, valid for a day), under `dir`.
    pub fn create(dir: &Path, members: &[(&str, Role)]) -> Result<Self, String> {
        Self::create_with_pq(dir, members, &[])
    }

    /// As [`Self::create`], with an X-Wing half (spec §8) in the keys of the members named in
    /// `pq`, which the directory lists: senders wrap to them with X-Wing.
    pub fn create_with_pq(
        dir: &Path,
        members: &[(&str, Role)],
        pq: &[&str],
    ) -> Result<Self, String> {
        let e = |e: &dyn std::fmt::Display| e.to_string();
        std::fs::create_dir_all(dir.join("keys")).map_err(|x| e(&x))?;
        let roots = [
            SecretKey::generate("RSO-ROOT-1").map_err(|x| e(&x))?,
            SecretKey::generate("RSO-ROOT-2").map_err(|x| e(&x))?,
        ];
        let trust = Trust::new("bali-rso", 2, &[roots[0].public(), roots[1].public()])
            .map_err(|x| e(&x))?;
        std::fs::write(dir.join("trust.json"), trust.to_json()).map_err(|x| e(&x))?;
        let now = Timestamp::now();
        let mut body = DirectoryBody::draft("bali-rso");
        for (id, role) in members {
            let key = match pq.contains(id) {
                true => SecretKey::generate_pq(id),
                false => SecretKey::generate(id),
            }
            .map_err(|x| e(&x))?;
            key.save(&dir.join(format!("keys/{id}.key.json")))
                .map_err(|x| e(&x))?;
            key.public()
                .save(&dir.join(format!("keys/{id}.pub.json")))
                .map_err(|x| e(&x))?;
            body.add_agency(
                &key.public(),
                id,
                &id[..2],
                vec![*role],
                now.plus_seconds(-3600),
                now.plus_seconds(365 * 86_400),
            )
            .map_err(|x| e(&x))?;
        }
        for (i, root) in roots.iter().enumerate() {
            root.save(&dir.join(format!("keys/RSO-ROOT-{}.key.json", i + 1)))
                .map_err(|x| e(&x))?;
        }
        body.serial = 1;
        body.issued_at = now;
        body.expires_at = now.plus_seconds(86_400);
        let mut signed = SignedDirectory::sign_new(&body, &roots[0]).map_err(|x| e(&x))?;
        signed.add_signature(&roots[1]).map_err(|x| e(&x))?;
        std::fs::write(dir.join("directory.json"), signed.to_json()).map_err(|x| e(&x))?;
        std::fs::write(dir.join("directory-body.json"), serde_json_body(&body))
            .map_err(|x| e(&x))?;
        Ok(Self {
            dir: dir.to_owned(),
            members: members
                .iter()
                .map(|(id, role)| Member {
                    id: id.to_string(),
                    role: *role,
                })
                .collect(),
        })
    }

    /// The secret key file of a member (or root).
    pub fn key_file(&self, id: &str) -> PathBuf {
        self.dir.join(format!("keys/{id}.key.json"))
    }

    /// The trust file.
    pub fn trust_file(&self) -> PathBuf {
        self.dir.join("trust.json")
    }

    /// The signed directory.
    pub fn directory_file(&self) -> PathBuf {
        self.dir.join("directory.json")
    }

    /// Loads a member's secret key.
    pub fn secret_key(&self, id: &str) -> SecretKey {
        match SecretKey::load(&self.key_file(id)) {
            Ok(k) => k,
            Err(e) => panic!("test network key {id}: {e}"),
        }
    }
}

fn serde_json_body(body: &DirectoryBody) -> Vec<u8> {
    serde_json::to_vec_pretty(body).unwrap_or_default()
}
