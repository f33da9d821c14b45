//! Diesel's view of the tables created by `migrations/postgres`: the same tables as on
//! SQLite, with native `timestamptz` columns.

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        username_key -> Text,
        email -> Text,
        password_hash -> Text,
        is_active -> Bool,
        is_staff -> Bool,
        is_superuser -> Bool,
        created_at -> Timestamptz,
        token_version -> BigInt,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        user_id -> BigInt,
        refresh_jti -> Text,
        client -> Text,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
        expires_at -> Timestamptz,
        ended_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    notes (id) {
        id -> BigInt,
        owner_id -> BigInt,
        title -> Text,
        body -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> BigInt,
    }
}

diesel::table! {
    tags (id) {
        id -> BigInt,
        owner_id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    note_tags (note_id, tag_id) {
        note_id -> BigInt,
        tag_id -> BigInt,
    }
}

diesel::table! {
    idempotency_keys (owner_id, key) {
        owner_id -> BigInt,
        key -> Text,
        expires_at -> Timestamptz,
        note_id -> BigInt,
        title -> Text,
        body -> Text,
        tags -> Text,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(notes -> users (owner_id));
diesel::joinable!(tags -> users (owner_id));
diesel::joinable!(note_tags -> notes (note_id));
diesel::joinable!(note_tags -> tags (tag_id));
diesel::joinable!(idempotency_keys -> users (owner_id));
diesel::joinable!(sessions -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(
    idempotency_keys,
    note_tags,
    notes,
    sessions,
    tags,
    users
);
