//! Diesel's view of the tables created by `migrations/sqlite`.

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
        created_at -> TimestamptzSqlite,
    }
}

diesel::table! {
    notes (id) {
        id -> BigInt,
        owner_id -> BigInt,
        title -> Text,
        body -> Text,
        created_at -> TimestamptzSqlite,
        updated_at -> TimestamptzSqlite,
    }
}

diesel::joinable!(notes -> users (owner_id));
diesel::allow_tables_to_appear_in_same_query!(notes, users);
