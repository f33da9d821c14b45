//! `notes createsuperuser`

use std::io::{BufRead, Write};

use notes_auth::PasswordHasher;
use notes_domain::{AccountError, Email, NewUser, Password, Username};

use super::CommandError;
use crate::cli::{CreateSuperuserArgs, Options};
use crate::startup::open_database;

/// Creates a staff superuser from flags, prompting for anything missing unless
/// `--no-input` is given.
pub(super) fn run(options: &Options, args: CreateSuperuserArgs) -> Result<(), CommandError> {
    let prompt = Prompt {
        allowed: !args.no_input,
    };
    let username = match args.username {
        Some(raw) => Username::parse(raw)?,
        None => prompt.until_valid("Username", |raw| Username::parse(raw.to_owned()))?,
    };
    let email = match args.email {
        Some(raw) => Email::parse(raw)?,
        None if args.no_input => Email::default(),
        None => prompt.until_valid("Email address (optional)", |raw| {
            Email::parse(raw.to_owned())
        })?,
    };
    let password = match args.password {
        Some(raw) => Password::parse(raw, Some(&username))?,
        None => prompt.new_password(&username)?,
    };

    let database = open_database(&options.database_url, 1)?;
    let password_hash = PasswordHasher::recommended()?.hash(&password)?;
    let new_user = NewUser {
        username,
        email,
        password_hash,
        is_staff: true,
        is_superuser: true,
    };
    let user = match database.users().create(&new_user) {
        Err(AccountError::UsernameTaken) => {
            return Err(format!("the username {} is already taken", new_user.username).into());
        }
        outcome => outcome?,
    };

    writeln!(
        std::io::stdout(),
        "Superuser {} created (id {}).",
        user.username,
        user.id
    )?;
    Ok(())
}

/// Asks on the terminal, or refuses when prompting is not allowed.
pub(super) struct Prompt {
    /// False with `--no-input`.
    pub(super) allowed: bool,
}

impl Prompt {
    /// Asks for `label` until `parse` accepts the answer.
    fn until_valid<T, E: std::fmt::Display>(
        &self,
        label: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Result<T, CommandError> {
        loop {
            let answer = self.ask(label)?;
            match parse(answer.trim()) {
                Ok(value) => return Ok(value),
                Err(error) => writeln!(std::io::stderr(), "Error: {error}")?,
            }
        }
    }

    fn ask(&self, label: &str) -> Result<String, CommandError> {
        if !self.allowed {
            return Err(format!("{label} is required with --no-input").into());
        }
        write!(std::io::stderr(), "{label}: ")?;
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer)? == 0 {
            return Err("standard input closed before an answer was given".into());
        }
        Ok(answer)
    }

    /// Asks for a password twice, without echo, until both match and the rules accept it.
    pub(super) fn new_password(&self, username: &Username) -> Result<Password, CommandError> {
        if !self.allowed {
            return Err("a password is required with --no-input (NOTES_SUPERUSER_PASSWORD)".into());
        }
        loop {
            let first = rpassword::prompt_password("Password: ")?;
            let second = rpassword::prompt_password("Password (again): ")?;
            if first != second {
                writeln!(std::io::stderr(), "Error: the two passwords differ.")?;
                continue;
            }
            match Password::parse(first, Some(username)) {
                Ok(password) => return Ok(password),
                Err(error) => writeln!(std::io::stderr(), "Error: {error}")?,
            }
        }
    }
}
