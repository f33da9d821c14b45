//! Checks of the document itself: stable operation ids, security on exactly the protected
//! operations, the document and the router agreeing, distinct schema names, problem+json
//! errors, and the committed `docs/openapi.json` being current.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

use super::*;
use crate::PROBLEM_JSON;
use crate::routes::api_resources;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every operation of the document as `(method, path, operation)`.
fn operations(document: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    let paths = document["paths"].as_object().cloned().unwrap_or_default();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.push((method.to_owned(), path.clone(), operation.clone()));
            }
        }
    }
    found
}

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).expect("the document serialises")
}

#[test]
fn operation_ids_are_unique_and_stable() {
    let expected = BTreeMap::from([
        ("post /api/register/", "register_user"),
        ("post /api/token/", "obtain_token"),
        ("post /api/token/form/", "obtain_token_form"),
        ("post /api/token/refresh/", "refresh_token"),
        ("post /api/token/verify/", "verify_token"),
        ("post /api/token/blacklist/", "blacklist_token"),
        ("get /api/sessions/", "list_sessions"),
        ("delete /api/sessions/", "end_all_sessions"),
        ("delete /api/sessions/{id}/", "end_session"),
        ("get /api/users/me/", "get_profile"),
        ("patch /api/users/me/", "update_profile"),
        ("delete /api/users/me/", "delete_account"),
        ("post /api/users/me/password/", "change_password"),
        ("get /.well-known/jwks.json/", "get_jwks"),
        ("get /api/notes/", "list_notes"),
        ("post /api/notes/", "create_note"),
        ("get /api/notes/{id}/", "get_note"),
        ("put /api/notes/{id}/", "replace_note"),
        ("patch /api/notes/{id}/", "update_note"),
        ("delete /api/notes/{id}/", "delete_note"),
        ("get /api/tags/", "list_tags"),
        ("patch /api/tags/{name}/", "rename_tag"),
        ("delete /api/tags/{name}/", "delete_tag"),
        ("get /api/admin/users/", "list_users"),
        ("get /api/admin/users/{id}/", "get_user"),
        ("patch /api/admin/users/{id}/", "update_user"),
        ("delete /api/admin/users/{id}/", "delete_user"),
        (
            "post /api/admin/users/{id}/sessions/end/",
            "end_user_sessions",
        ),
        ("get /healthz/", "check_health"),
        ("get /readyz/", "check_readiness"),
        ("get /metrics/", "get_metrics"),
    ]);

    let actual: BTreeMap<String, String> = operations(&document())
        .into_iter()
        .map(|(method, path, operation)| {
            let id = operation["operationId"].as_str().unwrap_or_default();
            (format!("{method} {path}"), id.to_owned())
        })
        .collect();
    let expected: BTreeMap<String, String> = expected
        .into_iter()
        .map(|(key, id)| (key.to_owned(), id.to_owned()))
        .collect();

    assert_eq!(actual, expected);
    let distinct: BTreeSet<&String> = actual.values().collect();
    assert_eq!(distinct.len(), actual.len(), "duplicate operation ids");
}

#[test]
fn exactly_the_operations_on_your_own_data_require_a_token_by_either_scheme() {
    let either_scheme = serde_json::json!([{BEARER_SCHEME: []}, {PASSWORD_SCHEME: []}]);

    for (method, path, operation) in operations(&document()) {
        let protected = [
            "/api/notes/",
            "/api/tags/",
            "/api/sessions/",
            "/api/users/me/",
            "/api/admin/",
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix));

        if protected {
            assert_eq!(operation["security"], either_scheme, "{method} {path}");
            assert!(
                operation["responses"]["401"].is_object(),
                "{method} {path} documents no 401"
            );
            if path.starts_with("/api/admin/") {
                assert!(
                    operation["responses"]["403"].is_object(),
                    "{method} {path} documents no 403"
                );
            }
        } else {
            assert!(operation.get("security").is_none(), "{method} {path}");
        }
    }
}

#[test]
fn the_document_has_no_global_security_and_defines_both_schemes() {
    let document = document();

    assert!(document.get("security").is_none());
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes[BEARER_SCHEME]["scheme"], "bearer");
    assert_eq!(
        schemes[PASSWORD_SCHEME]["flows"]["password"]["tokenUrl"],
        "/api/token/form/"
    );
}

#[test]
fn every_routed_operation_is_documented_and_every_documented_one_is_routed() {
    let routed: BTreeSet<String> = api_resources()
        .iter()
        .flat_map(|resource| {
            resource
                .methods()
                .map(|method| format!("{} {}", method.as_str().to_lowercase(), resource.path))
                .collect::<Vec<_>>()
        })
        .collect();

    let documented: BTreeSet<String> = operations(&document())
        .into_iter()
        .map(|(method, path, _)| format!("{method} {path}"))
        .collect();

    assert_eq!(routed, documented);
}

#[test]
fn every_path_carries_its_trailing_slash() {
    for (method, path, _) in operations(&document()) {
        assert!(path.ends_with('/'), "{method} {path}");
    }
}

#[test]
fn no_two_types_share_a_schema_name() {
    use crate::routes::{accounts, admin, health, jwks, me, notes, sessions};
    use utoipa::__dev::SchemaReferences;

    let mut collected: Vec<(String, RefOr<Schema>)> = Vec::new();
    accounts::register::__path_register::schemas(&mut collected);
    accounts::obtain::__path_obtain_token::schemas(&mut collected);
    accounts::obtain_form::__path_obtain_token_form::schemas(&mut collected);
    accounts::refresh::__path_refresh_token::schemas(&mut collected);
    accounts::verify::__path_verify_token::schemas(&mut collected);
    accounts::blacklist::__path_blacklist_token::schemas(&mut collected);
    sessions::list::__path_list_sessions::schemas(&mut collected);
    sessions::end::__path_end_session::schemas(&mut collected);
    sessions::end::__path_end_all_sessions::schemas(&mut collected);
    me::profile::__path_get_profile::schemas(&mut collected);
    me::profile::__path_update_profile::schemas(&mut collected);
    me::delete::__path_delete_account::schemas(&mut collected);
    me::password::__path_change_password::schemas(&mut collected);
    jwks::__path_jwks::schemas(&mut collected);
    notes::list::__path_list_notes::schemas(&mut collected);
    notes::create::__path_create_note::schemas(&mut collected);
    notes::read::__path_get_note::schemas(&mut collected);
    notes::update::__path_replace_note::schemas(&mut collected);
    notes::update::__path_update_note::schemas(&mut collected);
    notes::delete::__path_delete_note::schemas(&mut collected);
    tags::list::__path_list_tags::schemas(&mut collected);
    tags::rename::__path_rename_tag::schemas(&mut collected);
    tags::delete::__path_delete_tag::schemas(&mut collected);
    admin::users::__path_list_users::schemas(&mut collected);
    admin::users::__path_get_user::schemas(&mut collected);
    admin::users::__path_update_user::schemas(&mut collected);
    admin::users::__path_delete_user::schemas(&mut collected);
    admin::users::__path_end_user_sessions::schemas(&mut collected);
    health::__path_healthz::schemas(&mut collected);
    health::__path_readyz::schemas(&mut collected);
    health::__path_metrics::schemas(&mut collected);
    let operation_count = operations(&document()).len();

    let mut by_name: BTreeMap<String, Value> = BTreeMap::new();
    for (name, schema) in collected {
        let schema = serde_json::to_value(schema).expect("serialises");
        let previous = by_name.insert(name.clone(), schema.clone());
        assert!(
            previous.is_none_or(|previous| previous == schema),
            "two different types are both named {name}"
        );
    }

    assert_eq!(operation_count, 31, "add new handlers to this test");
    let components = document()["components"]["schemas"].clone();
    for name in by_name.keys() {
        assert!(components.get(name).is_some(), "{name} is not a component");
    }
}

#[test]
fn every_reference_resolves() {
    fn visit(value: &Value, document: &Value) {
        match value {
            Value::Object(members) => {
                if let Some(Value::String(target)) = members.get("$ref") {
                    let pointer = target.trim_start_matches('#');
                    assert!(document.pointer(pointer).is_some(), "dangling {target}");
                }
                members.values().for_each(|member| visit(member, document));
            }
            Value::Array(items) => items.iter().for_each(|item| visit(item, document)),
            _ => {}
        }
    }

    let document = document();

    visit(&document, &document);
}

#[test]
fn every_error_response_is_a_problem_document() {
    let document = document();

    for (method, path, operation) in operations(&document) {
        let responses = operation["responses"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (status, response) in responses {
            if !status.starts_with('4') && !status.starts_with('5') {
                continue;
            }
            let target = response["$ref"].as_str().unwrap_or_default();
            let resolved = document
                .pointer(target.trim_start_matches('#'))
                .unwrap_or(&response);

            let content = resolved["content"].as_object().cloned().unwrap_or_default();

            let media_types: Vec<&String> = content.keys().collect();
            assert_eq!(media_types, [PROBLEM_JSON], "{method} {path} {status}");
            assert_eq!(
                content[PROBLEM_JSON]["schema"]["$ref"], "#/components/schemas/Problem",
                "{method} {path} {status}"
            );
        }
    }
}

#[test]
fn the_committed_docs_openapi_json_is_current() {
    let committed_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let generated = openapi_json().expect("the document serialises");

    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&committed_path, &generated).expect("docs/openapi.json is writable");
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();

    assert!(
        committed == generated,
        "docs/openapi.json differs from the generated document; regenerate it with \
         `cargo run -p notes-app -- openapi > docs/openapi.json` \
         (or UPDATE_OPENAPI=1 cargo test -p notes-http)"
    );
}

/// The links between pages: null where there is no such page, as clients of Django REST
/// Framework's paging read them. The only members of the document that may be null.
const NULLABLE_MEMBERS: [&str; 4] = [
    "#/components/schemas/NoteCursorPage/properties/next",
    "#/components/schemas/NoteCursorPage/properties/previous",
    "#/components/schemas/NotePage/properties/next",
    "#/components/schemas/NotePage/properties/previous",
];

/// Generators turn null unions into awkward types (the TypeScript SDK flow broke on one), so
/// optional members are absent, never null. The page links are the deliberate exception, in
/// the one form both SDK flows are run with: required, `type: ["string", "null"]`, a URI.
#[test]
fn only_the_page_links_are_nullable_and_only_as_a_required_string_or_null() {
    fn walk(value: &Value, path: &str, nullable: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(types)) = map.get("type")
                    && types.contains(&Value::from("null"))
                {
                    nullable.push(path.to_owned());
                }
                assert!(
                    map.get("nullable").is_none(),
                    "{path} uses OpenAPI 3.0's nullable"
                );
                for union in ["oneOf", "anyOf"] {
                    let members = map.get(union).and_then(Value::as_array);
                    assert!(
                        !members.is_some_and(|members| members
                            .iter()
                            .any(|member| member["type"] == "null")),
                        "{path}/{union} is a union with null"
                    );
                }
                for (key, child) in map {
                    walk(child, &format!("{path}/{key}"), nullable);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}/{index}"), nullable);
                }
            }
            _ => {}
        }
    }

    let document = document();
    let mut nullable = Vec::new();
    walk(&document, "#", &mut nullable);
    nullable.sort();

    assert_eq!(nullable, NULLABLE_MEMBERS);
    for member in NULLABLE_MEMBERS {
        let pointer = member.trim_start_matches('#');
        let schema = document
            .pointer(pointer)
            .expect("the member is in the document");
        assert_eq!(
            schema["type"],
            serde_json::json!(["string", "null"]),
            "{member}"
        );
        assert_eq!(schema["format"], "uri", "{member}");

        let (object, name) = pointer.rsplit_once("/properties/").expect("a property");
        let required = document
            .pointer(&format!("{object}/required"))
            .and_then(Value::as_array)
            .is_some_and(|required| required.contains(&Value::from(name)));
        assert!(required, "{member} is not required");
    }
}
