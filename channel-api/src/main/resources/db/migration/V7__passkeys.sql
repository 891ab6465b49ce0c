-- BranchLink channel-api schema, version 7: passkeys (WebAuthn credentials) on bound phones, the biometric step-up
-- factor. (Version 6 belongs to another module.)

-- One row per challenge handed out in creation or request options. Only the SHA-256 of the 32 random challenge
-- bytes is stored. A challenge belongs to one customer and one phone, serves one ceremony, is good until
-- expires_at and is used at most once (used_at set by the first response that names it, whatever its outcome).
create table passkey_challenges (
    challenge_hash  bytea       primary key,
    customer_id     uuid        not null references customers,
    device_id       varchar(64) not null,
    ceremony        varchar(16) not null check (ceremony in ('REGISTRATION', 'ASSERTION')),
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    check (expires_at > created_at)
);
create index passkey_challenges_device on passkey_challenges (customer_id, device_id, expires_at);

-- One row per registered passkey: the credential id chosen by the authenticator, its public key as the COSE_Key
-- the authenticator sent (RFC 9052 section 7), its AAGUID, and the last signature counter seen. A passkey belongs
-- to the bound phone it was registered from and is deleted with that binding.
create table passkey_credentials (
    credential_id    bytea       primary key check (octet_length(credential_id) between 16 and 1023),
    customer_id      uuid        not null,
    device_id        varchar(64) not null,
    aaguid           uuid        not null,
    public_key_cose  bytea       not null,
    sign_count       bigint      not null check (sign_count >= 0),
    uv_initialized   boolean     not null,
    backup_eligible  boolean     not null,
    backup_state     boolean     not null,
    created_at       timestamptz not null,
    last_used_at     timestamptz,
    foreign key (customer_id, device_id) references customer_devices on delete cascade
);
create index passkey_credentials_device on passkey_credentials (customer_id, device_id);
