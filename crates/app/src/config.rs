//! Layered configuration: built-in defaults, then an optional TOML file (`--config`), then
//! `NOTES_*` environment variables, then flags.
//!
//! clap already layers flags over variables over defaults. A file's values are slotted in as
//! the defaults of a second parse, so every value still goes through clap's own parsers and
//! the precedence needs no code of its own.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{ArgMatches, Command as ClapCommand, CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command, ServeArgs};

/// Options whose values are never printed.
const SECRET_KEYS: [&str; 2] = ["secret_key", "password"];

/// The variable `createsuperuser` takes its password from.
const SUPERUSER_PASSWORD: &str = "NOTES_SUPERUSER_PASSWORD";

/// Keys that only make sense on the command line or in the environment.
const NOT_IN_FILE: [&str; 3] = ["config", "help", "version"];

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A bad flag or variable, or `--help`/`--version`: clap prints and exits.
    #[error(transparent)]
    Clap(#[from] clap::Error),
    /// The configuration file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The configuration file is not valid TOML.
    #[error("the configuration file {path} is not valid TOML: {source}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: toml::de::Error,
    },
    /// The file names a setting that does not exist (a typo, usually).
    #[error("unknown key `{key}` in the configuration file {path}; known keys: {known}")]
    UnknownKey {
        /// The key.
        key: String,
        /// The file.
        path: PathBuf,
        /// Every accepted key, comma-separated.
        known: String,
    },
    /// A value the file holds in a shape no option takes (a table, a date).
    #[error("`{key}` in the configuration file {path} must be a string, number, boolean or array")]
    Shape {
        /// The key.
        key: String,
        /// The file.
        path: PathBuf,
    },
    /// A file value the option's parser rejected.
    #[error("in the configuration file {path}: {message}")]
    Value {
        /// The file.
        path: PathBuf,
        /// clap's explanation, naming the option.
        message: String,
    },
}

/// The parsed command line, with the `serve` options resolved even when no subcommand was
/// given, and a record of where each value came from.
#[derive(Debug)]
pub struct Loaded {
    /// The command line, with the file's values filled in.
    pub cli: Cli,
    /// The `serve` options in effect (also for `config check`).
    pub serve: ServeArgs,
    /// Where every value came from.
    pub report: ConfigReport,
}

/// One setting as `config check` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key, as in the file (`database_url`).
    pub key: String,
    /// The value, comma-joined if several, `(redacted)` for secrets, empty if unset.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The built-in default.
    Default,
    /// The configuration file.
    File,
    /// This environment variable.
    Environment(String),
    /// A flag.
    CommandLine,
    /// Not set anywhere (and no default).
    Unset,
}

/// The provenance of the effective configuration.
#[derive(Debug, Default)]
pub struct ConfigReport {
    /// The configuration file, if one was read.
    pub file: Option<PathBuf>,
    /// Every setting of the shared and `serve` options.
    pub entries: Vec<Entry>,
    /// `NOTES_*` environment variables that no option reads.
    pub unknown_variables: Vec<String>,
}

impl ConfigReport {
    /// Where `key` came from.
    pub fn source(&self, key: &str) -> Source {
        self.entries
            .iter()
            .find(|entry| entry.key == key)
            .map_or(Source::Unset, |entry| entry.source.clone())
    }

    /// The report as `config check` prints it.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let file = self
            .file
            .as_ref()
            .map_or_else(|| "(none)".into(), |path| path.display().to_string());
        let _ = writeln!(out, "configuration file: {file}");
        let width = self.entries.iter().map(|e| e.key.len()).max().unwrap_or(0);
        for entry in &self.entries {
            let source = match &entry.source {
                Source::Default => "default".to_owned(),
                Source::File => "file".to_owned(),
                Source::Environment(name) => format!("environment ({name})"),
                Source::CommandLine => "command line".to_owned(),
                Source::Unset => "unset".to_owned(),
            };
            let value = if entry.value.is_empty() {
                "-"
            } else {
                &entry.value
            };
            let _ = writeln!(out, "{:width$} = {value}  [{source}]", entry.key);
        }
        if !self.unknown_variables.is_empty() {
            let _ = writeln!(
                out,
                "unknown environment variables (ignored): {}",
                self.unknown_variables.join(", ")
            );
        }
        out
    }
}

/// Reads the command line, the environment and the configuration file it names.
pub fn load() -> Result<Loaded, ConfigError> {
    load_from(std::env::args_os())
}

/// [`load`] for an explicit argument list (the first item is the program name).
pub fn load_from(args: impl IntoIterator<Item = OsString>) -> Result<Loaded, ConfigError> {
    let args: Vec<OsString> = args.into_iter().collect();
    let first = Cli::command().try_get_matches_from(&args)?;
    let file = first.get_one::<PathBuf>("config").cloned();
    let values = match &file {
        Some(path) => read_file(path)?,
        None => Vec::new(),
    };

    let file_error = |error: clap::Error| match &file {
        Some(path) => ConfigError::Value {
            path: path.clone(),
            message: first_line(&error.to_string()),
        },
        None => ConfigError::Clap(error),
    };
    let root = with_file_defaults(Cli::command(), &values);
    let matches = root.try_get_matches_from(&args).map_err(file_error)?;
    let mut cli = Cli::from_arg_matches(&matches)?;

    // `serve` options in force: those of `notes serve ...`, else those a bare `notes`
    // (which serves) would use.
    let standalone;
    let serve_matches = match matches.subcommand() {
        Some(("serve", sub)) => sub,
        _ => {
            let serve = with_file_defaults(ServeArgs::command(), &values);
            standalone = serve.try_get_matches_from(["serve"]).map_err(file_error)?;
            &standalone
        }
    };
    let serve = ServeArgs::from_arg_matches(serve_matches)?;
    if cli.command.is_none() {
        cli.command = Some(Command::Serve(Box::new(serve.clone())));
    }

    let from_file: BTreeSet<&str> = values.iter().map(|(key, _)| key.as_str()).collect();
    let mut entries = describe(&Cli::command(), &matches, &from_file);
    entries.extend(describe(&ServeArgs::command(), serve_matches, &from_file));
    entries.push(superuser_password());
    let report = ConfigReport {
        file,
        entries,
        unknown_variables: unknown_variables(std::env::vars_os().map(|(name, _)| name)),
    };
    Ok(Loaded { cli, serve, report })
}

/// The file's settings as `(key, value)` strings, checked against the known keys.
fn read_file(path: &Path) -> Result<Vec<(String, String)>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|source| ConfigError::Syntax {
        path: path.to_owned(),
        source,
    })?;
    let known = file_keys();

    table
        .into_iter()
        .map(|(key, value)| {
            if !known.contains(&key) {
                return Err(ConfigError::UnknownKey {
                    key,
                    path: path.to_owned(),
                    known: known.iter().cloned().collect::<Vec<_>>().join(", "),
                });
            }
            match as_argument(&value) {
                Some(value) => Ok((key, value)),
                None => Err(ConfigError::Shape {
                    key,
                    path: path.to_owned(),
                }),
            }
        })
        .collect()
}

/// The keys a file may set: every shared and `serve` option.
fn file_keys() -> BTreeSet<String> {
    let root = Cli::command();
    let serve = ServeArgs::command();
    root.get_arguments()
        .chain(serve.get_arguments())
        .map(|arg| arg.get_id().as_str())
        .filter(|id| !NOT_IN_FILE.contains(id))
        .map(str::to_owned)
        .collect()
}

/// A TOML value as the text a flag would carry; arrays are comma-joined.
fn as_argument(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(text) => Some(text.clone()),
        toml::Value::Integer(number) => Some(number.to_string()),
        toml::Value::Float(number) => Some(number.to_string()),
        toml::Value::Boolean(flag) => Some(flag.to_string()),
        toml::Value::Array(items) => items
            .iter()
            .map(as_argument)
            .collect::<Option<Vec<_>>>()
            .map(|items| items.join(",")),
        toml::Value::Datetime(_) | toml::Value::Table(_) => None,
    }
}

/// `command` with the file's values as the defaults of its own and its `serve`
/// subcommand's options.
fn with_file_defaults(mut command: ClapCommand, values: &[(String, String)]) -> ClapCommand {
    for (key, value) in values {
        let id = key.as_str();
        if command.get_arguments().any(|arg| arg.get_id() == id) {
            let value = value.clone();
            command = command.mut_arg(id, move |arg| arg.default_value(value));
        } else if command.find_subcommand("serve").is_some() {
            let value = value.clone();
            command = command.mut_subcommand("serve", move |serve| {
                serve.mut_arg(id, move |arg| arg.default_value(value))
            });
        }
    }
    command
}

/// An entry for each option of `command` (help and version aside).
fn describe(command: &ClapCommand, matches: &ArgMatches, from_file: &BTreeSet<&str>) -> Vec<Entry> {
    command
        .get_arguments()
        .filter(|arg| !["help", "version"].contains(&arg.get_id().as_str()))
        .map(|arg| {
            let key = arg.get_id().as_str();
            let env = arg
                .get_env()
                .map(|name| name.to_string_lossy().into_owned());
            let source = match matches.value_source(key) {
                Some(ValueSource::CommandLine) => Source::CommandLine,
                Some(ValueSource::EnvVariable) => Source::Environment(env.unwrap_or_default()),
                Some(ValueSource::DefaultValue) if from_file.contains(key) => Source::File,
                Some(_) => Source::Default,
                None => Source::Unset,
            };
            let raw = matches
                .get_raw(key)
                .map(|values| {
                    values
                        .map(|value| value.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default();
            let value = if SECRET_KEYS.contains(&key) && !raw.is_empty() {
                "(redacted)".to_owned()
            } else if key == "database_url" {
                // A PostgreSQL URL may carry a password.
                notes_persistence::redacted(&raw)
            } else {
                raw
            };
            Entry {
                key: key.to_owned(),
                value,
                source,
            }
        })
        .collect()
}

/// `createsuperuser`'s password variable: whether it is set, never its value.
fn superuser_password() -> Entry {
    let set = std::env::var_os(SUPERUSER_PASSWORD).is_some();
    Entry {
        key: "superuser_password".to_owned(),
        value: if set { "(redacted)" } else { "" }.to_owned(),
        source: if set {
            Source::Environment(SUPERUSER_PASSWORD.to_owned())
        } else {
            Source::Unset
        },
    }
}

/// The `NOTES_*` names among `names` that no option of any subcommand reads.
pub fn unknown_variables(names: impl Iterator<Item = OsString>) -> Vec<String> {
    let mut known = BTreeSet::new();
    collect_env_names(&Cli::command(), &mut known);
    let mut unknown: Vec<String> = names
        .filter_map(|name| name.into_string().ok())
        .filter(|name| name.starts_with("NOTES_") && !known.contains(name))
        .collect();
    unknown.sort();
    unknown
}

fn collect_env_names(command: &ClapCommand, known: &mut BTreeSet<String>) {
    for arg in command.get_arguments() {
        if let Some(name) = arg.get_env() {
            known.insert(name.to_string_lossy().into_owned());
        }
    }
    for sub in command.get_subcommands() {
        collect_env_names(sub, known);
    }
}

fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    line.trim_start_matches("error: ").to_owned()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn load_with_file(contents: &str, args: &[&str]) -> Result<Loaded, ConfigError> {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("notes.toml");
        std::fs::write(&path, contents).expect("write the file");
        let mut argv: Vec<OsString> = vec!["notes".into(), "--config".into(), path.into()];
        argv.extend(args.iter().map(OsString::from));
        load_from(argv)
    }

    #[test]
    fn a_file_value_applies_where_no_flag_is_given() {
        let loaded =
            load_with_file("access_token_lifetime = \"15m\"\nworkers = 3\n", &[]).expect("loads");

        assert_eq!(
            loaded.cli.options.access_token_lifetime,
            Duration::from_secs(900)
        );
        assert_eq!(loaded.serve.workers, Some(3));
        assert_eq!(loaded.report.source("workers"), Source::File);
        assert!(matches!(loaded.cli.command, Some(Command::Serve(_))));
    }

    #[test]
    fn a_flag_wins_over_the_file() {
        let loaded = load_with_file(
            "listen = \"127.0.0.1:18510\"\njwt_leeway = \"5s\"\n",
            &["--jwt-leeway", "7s", "serve", "--listen", "127.0.0.1:18511"],
        )
        .expect("loads");

        assert_eq!(loaded.serve.listen, "127.0.0.1:18511");
        assert_eq!(loaded.cli.options.jwt_leeway, Duration::from_secs(7));
        assert_eq!(loaded.report.source("listen"), Source::CommandLine);
    }

    #[test]
    fn arrays_and_booleans_in_the_file_fill_lists_and_switches() {
        let loaded = load_with_file(
            "cors_origins = [\"https://a.test\", \"https://b.test\"]\nrefresh_cookie = true\n",
            &[],
        )
        .expect("loads");

        assert_eq!(
            loaded.serve.cors_origins,
            ["https://a.test", "https://b.test"]
        );
        assert!(loaded.serve.refresh_cookie);
    }

    #[test]
    fn an_unknown_key_in_the_file_is_an_error_naming_it() {
        let error = load_with_file("listen_adress = \"x\"\n", &[]).expect_err("refused");

        assert!(
            error.to_string().contains("unknown key `listen_adress`"),
            "{error}"
        );
    }

    #[test]
    fn a_table_in_the_file_is_an_error_naming_the_key() {
        let error = load_with_file("[listen]\nport = 1\n", &[]).expect_err("refused");

        assert!(error.to_string().contains("`listen`"), "{error}");
    }

    #[test]
    fn secrets_from_the_file_are_redacted_in_the_report() {
        let loaded = load_with_file(
            "secret_key = \"file-secret-of-at-least-thirty-two-bytes\"\n",
            &["config", "check"],
        )
        .expect("loads");

        let rendered = loaded.report.render();
        assert!(rendered.contains("(redacted)"), "{rendered}");
        assert!(!rendered.contains("file-secret"), "{rendered}");
    }

    #[test]
    fn only_notes_variables_that_no_option_reads_are_unknown() {
        let names = [
            "NOTES_LISTEN",
            "NOTES_LISTN",
            "HOME",
            "NOTES_SUPERUSER_PASSWORD",
        ]
        .map(OsString::from);

        assert_eq!(unknown_variables(names.into_iter()), ["NOTES_LISTN"]);
    }
}
