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
    }
}

diesel::joinable!(notes -> users (owner_id));
diesel::joinable!(sessions -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(notes, sessions, users);
