//! Password hashing with argon2id.

use std::cell::RefCell;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash as PhcHash, Salt};
use argon2::password_hash::try_generate_salt;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use notes_domain::{Password, PasswordHash};

thread_local! {
    /// argon2's working memory (19 MiB at the recommended cost), kept by each thread that
    /// hashes or verifies for its next call instead of being allocated each time. The
    /// server hashes only on its few password threads, so this is held once per such
    /// thread. Allocating it per call left up to three copies per thread in glibc's arenas
    /// (about 115 MiB resident after 32 registrations and 128 sign-ins, see
    /// docs/profiles/), because glibc raises its mmap threshold after the first large free
    /// and keeps later ones in the arena.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// The variant new hashes use.
const ALGORITHM: Algorithm = Algorithm::Argon2id;
/// The version new hashes use.
const VERSION: Version = Version::V0x13;

/// Hashes and verifies passwords with argon2id. Every call costs tens of milliseconds of CPU
/// by design: run it on a blocking thread, never on an async worker.
#[derive(Clone)]
pub struct PasswordHasher {
    argon2: Argon2<'static>,
    /// A hash in this hasher's parameters that no password is known to match, verified
    /// against when the username is unknown so that the answer takes as long as for a wrong
    /// password.
    decoy: PasswordHash,
}

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

impl PasswordHasher {
    /// argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane.
    pub fn recommended() -> Result<Self, HashError> {
        Self::with_params(
            Params::DEFAULT_M_COST,
            Params::DEFAULT_T_COST,
            Params::DEFAULT_P_COST,
        )
    }

    /// argon2id with explicit cost parameters (memory in KiB, passes, lanes).
    pub fn with_params(memory_kib: u32, passes: u32, lanes: u32) -> Result<Self, HashError> {
        let params = Params::new(memory_kib, passes, lanes, None).map_err(failed)?;
        let argon2 = Argon2::new(ALGORITHM, VERSION, params);
        let decoy = decoy_for(&argon2)?;
        Ok(Self { argon2, decoy })
    }

    /// Hashes a new password with a fresh random salt.
    pub fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        hash_with(&self.argon2, password.expose().as_bytes())
    }

    /// True when `password` matches `hash`. A hash that cannot be parsed matches nothing.
    /// The parameters stored in the hash are used, so older hashes keep verifying.
    pub fn verify(&self, password: &Password, hash: &PasswordHash) -> bool {
        let Ok(parsed) = PhcHash::new(hash.as_str()) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params)) = (
            Algorithm::try_from(parsed.algorithm.as_str()),
            Params::try_from(&parsed),
        ) else {
            return false;
        };
        let version = match parsed.version.map(Version::try_from) {
            None => Version::default(),
            Some(Ok(version)) => version,
            Some(Err(_)) => return false,
        };
        let argon2 = Argon2::new(algorithm, version, params);

        let mut computed = [0u8; Output::MAX_LENGTH];
        let Some(computed) = computed.get_mut(..expected.len()) else {
            return false;
        };
        let hashed = hash_into(&argon2, password.expose().as_bytes(), salt, computed);
        // `Output` compares in constant time.
        hashed.is_ok() && Output::new(computed).is_ok_and(|computed| computed == *expected)
    }

    /// Spends the same effort as [`PasswordHasher::verify`] against a hash no password
    /// matches, for sign-ins naming an unknown user.
    pub fn verify_decoy(&self, password: &Password) {
        // The outcome is irrelevant: only the time spent matters.
        let _ = self.verify(password, &self.decoy);
    }
}

fn hash_with(argon2: &Argon2<'static>, password: &[u8]) -> Result<PasswordHash, HashError> {
    let salt = try_generate_salt().map_err(failed)?;
    let mut computed = [0u8; Output::MAX_LENGTH];
    let computed = computed
        .get_mut(..output_len(argon2))
        .ok_or_else(|| HashError("output length out of range".into()))?;

    hash_into(argon2, password, &salt, computed).map_err(failed)?;

    encode(argon2, &salt, computed)
}

/// The decoy: a well-formed hash with `argon2`'s parameters whose output (all zero bytes)
/// no password is known to produce. Made without hashing, so that no thread but the
/// password threads ever holds argon2's working memory.
fn decoy_for(argon2: &Argon2<'static>) -> Result<PasswordHash, HashError> {
    encode(
        argon2,
        &[0x5a; Salt::RECOMMENDED_LENGTH],
        &vec![0; output_len(argon2)],
    )
}

/// The PHC string form of an argon2id hash, as `argon2` itself would write it.
fn encode(argon2: &Argon2<'static>, salt: &[u8], output: &[u8]) -> Result<PasswordHash, HashError> {
    let phc = PhcHash {
        algorithm: ALGORITHM.ident(),
        version: Some(VERSION.into()),
        params: ParamsString::try_from(argon2.params()).map_err(failed)?,
        salt: Some(Salt::new(salt).map_err(failed)?),
        hash: Some(Output::new(output).map_err(failed)?),
    };
    Ok(PasswordHash::new(phc.to_string()))
}

fn failed(cause: impl std::fmt::Display) -> HashError {
    HashError(cause.to_string())
}

fn output_len(argon2: &Argon2<'static>) -> usize {
    argon2
        .params()
        .output_len()
        .unwrap_or(Params::DEFAULT_OUTPUT_LEN)
}

/// Runs argon2 in this thread's reused working memory, growing it when `argon2` needs more.
fn hash_into(
    argon2: &Argon2<'_>,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    let blocks = argon2.params().block_count();
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            memory.resize(blocks, Block::new());
        }
        argon2.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap_hasher() -> PasswordHasher {
        PasswordHasher::with_params(256, 1, 1).expect("valid parameters")
    }

    fn password(raw: &str) -> Password {
        Password::for_sign_in(raw.into())
    }

    #[test]
    fn the_recommended_setting_is_argon2id_with_owasp_costs() {
        let hasher = PasswordHasher::recommended().expect("valid parameters");

        let hash = hasher.hash(&password("correct horse")).expect("hash");

        assert!(
            hash.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{:?}",
            hash.as_str()
        );
    }

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hasher = cheap_hasher();
        let hash = hasher.hash(&password("correct horse")).expect("hash");

        assert!(hasher.verify(&password("correct horse"), &hash));
        assert!(!hasher.verify(&password("Correct horse"), &hash));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let hasher = cheap_hasher();

        let first = hasher.hash(&password("same")).expect("hash");
        let second = hasher.hash(&password("same")).expect("hash");

        assert_ne!(first, second);
    }

    #[test]
    fn hashes_made_with_other_costs_verify_with_their_own() {
        let old = PasswordHasher::with_params(512, 3, 2).expect("valid parameters");
        let hash = old.hash(&password("correct horse")).expect("hash");

        // Smaller, then larger working memory than this thread has used so far.
        assert!(cheap_hasher().verify(&password("correct horse"), &hash));
        assert!(!cheap_hasher().verify(&password("correct horsE"), &hash));
        let big = cheap_hasher().hash(&password("x")).expect("hash");
        assert!(old.verify(&password("x"), &big));
    }

    #[test]
    fn hashing_works_in_the_threads_reused_memory() {
        let hasher = cheap_hasher();

        let memory_after_hashing = std::thread::spawn(move || {
            hasher.hash(&password("x")).expect("hash");
            MEMORY.with_borrow(Vec::len)
        })
        .join()
        .expect("the hashing thread");

        assert_eq!(memory_after_hashing, 256);
    }

    #[test]
    fn hashes_are_standard_phc_strings_that_argon2_itself_verifies() {
        use argon2::password_hash::PasswordVerifier as _;
        let hasher = cheap_hasher();

        let hash = hasher.hash(&password("correct horse")).expect("hash");

        let reference = Argon2::default();
        assert!(
            reference
                .verify_password(b"correct horse", hash.as_str())
                .is_ok()
        );
        assert!(
            reference
                .verify_password(b"wrong horse", hash.as_str())
                .is_err()
        );
    }

    #[test]
    fn the_decoy_costs_what_a_real_hash_costs_and_matches_nothing() {
        let hasher = cheap_hasher();

        assert!(
            hasher
                .decoy
                .as_str()
                .starts_with("$argon2id$v=19$m=256,t=1,p=1$")
        );
        assert!(!hasher.verify(&password(""), &hasher.decoy));
    }

    #[test]
    fn a_malformed_stored_hash_matches_nothing() {
        let hasher = cheap_hasher();

        assert!(!hasher.verify(&password("x"), &PasswordHash::new("not a hash".into())));
    }
}
