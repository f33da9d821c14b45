//! `notes users ...`: account administration from the command line. Safe while the server
//! runs: SQLite in WAL mode lets this process write while the server reads and writes.

use std::io::Write;

use notes_auth::PasswordHasher;
use notes_domain::{Password, User, UserId, Username, UsersRepository};
use notes_persistence::Database;

use super::CommandError;
use super::createsuperuser::Prompt;
use crate::cli::{Options, SetPasswordArgs, UsersCommand};
use crate::startup::open_database;

/// Runs one `notes users` subcommand.
pub(super) fn run(options: &Options, command: UsersCommand) -> Result<(), CommandError> {
    let database = open_database(&options.database_url, 1)?;
    let users = database.users();
    let mut out = std::io::stdout().lock();

    match command {
        UsersCommand::List => list(&*users, &mut out)?,
        UsersCommand::Deactivate(arg) => {
            let user = find(&database, &arg.username)?;
            users.set_active(user.id, false)?;
            writeln!(
                out,
                "{} deactivated; its sessions have ended.",
                user.username
            )?;
        }
        UsersCommand::Reactivate(arg) => {
            let user = find(&database, &arg.username)?;
            users.set_active(user.id, true)?;
            writeln!(out, "{} reactivated.", user.username)?;
        }
        UsersCommand::Delete(args) => {
            let user = find(&database, &args.username)?;
            if !args.yes {
                return Err(format!(
                    "deleting {} removes all of its notes; repeat with --yes to confirm",
                    user.username
                )
                .into());
            }
            users.delete(user.id)?;
            writeln!(
                out,
                "{} deleted with its notes and sessions.",
                user.username
            )?;
        }
        UsersCommand::SetPassword(args) => {
            let user = find(&database, &args.username)?;
            set_password(&*users, &user, args)?;
            writeln!(
                out,
                "Password of {} changed; its earlier tokens no longer work.",
                user.username
            )?;
        }
        UsersCommand::Promote(arg) => {
            let user = find(&database, &arg.username)?;
            users.set_staff(user.id, true)?;
            writeln!(out, "{} is now staff.", user.username)?;
        }
        UsersCommand::Demote(arg) => {
            let user = find(&database, &arg.username)?;
            users.set_staff(user.id, false)?;
            writeln!(out, "{} is no longer staff.", user.username)?;
        }
        UsersCommand::EndSessions(arg) => {
            let user = find(&database, &arg.username)?;
            let ended = database.sessions().end_all(user.id, None)?;
            writeln!(out, "{ended} session(s) of {} ended.", user.username)?;
        }
    }
    Ok(())
}

/// The account with this username, or an error saying there is none.
fn find(database: &Database, username: &str) -> Result<User, CommandError> {
    let found = database.users().find_credentials(username)?;
    found
        .map(|credentials| credentials.user)
        .ok_or_else(|| format!("no account named {username}").into())
}

/// One line per account, never anything from its notes or its password hash.
fn list(users: &dyn UsersRepository, out: &mut impl Write) -> Result<(), CommandError> {
    let all = users.list()?;

    writeln!(
        out,
        "{:>6}  {:<24} {:<32} {:<6} {:<5} JOINED",
        "ID", "USERNAME", "EMAIL", "ACTIVE", "STAFF"
    )?;
    for user in all {
        let UserId(id) = user.id;
        writeln!(
            out,
            "{id:>6}  {:<24} {:<32} {:<6} {:<5} {}",
            user.username.as_str(),
            user.email.as_str(),
            yes_no(user.is_active),
            yes_no(user.is_staff),
            user.created_at.format("%Y-%m-%dT%H:%M:%SZ"),
        )?;
    }
    Ok(())
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// Validates the new password with the domain's rules, hashes it and stores it.
fn set_password(
    users: &dyn UsersRepository,
    user: &User,
    args: SetPasswordArgs,
) -> Result<(), CommandError> {
    let username: &Username = &user.username;
    let password = match args.password {
        Some(raw) => Password::parse(raw, Some(username))?,
        None if args.no_input => {
            return Err("a password is required with --no-input (NOTES_NEW_PASSWORD)".into());
        }
        None => Prompt { allowed: true }.new_password(username)?,
    };
    let hash = PasswordHasher::recommended()?.hash(&password)?;

    users
        .set_password(user.id, &hash)?
        .ok_or("the account was deleted meanwhile")?;
    Ok(())
}
