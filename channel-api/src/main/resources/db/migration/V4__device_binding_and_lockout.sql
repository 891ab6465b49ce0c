-- BranchLink channel-api schema, version 4: binding a new phone needs proof from something the customer already
-- has (a one-time code sent by SMS to the registered number, or approval from a phone already bound), and
-- failed logins lock a username or a source address out for a while.

-- One row per binding challenge. Only a SHA-256 of the challenge id and the code is stored. A challenge can bind
-- while PENDING (SMS code) or APPROVED, before expires_at; SENDING until the SMS gateway accepted the message,
-- FAILED when it did not, EXHAUSTED after too many wrong codes, SUPERSEDED by a newer challenge of the same phone,
-- USED once it bound the phone.
create table device_binding_challenges (
    id               uuid        primary key,
    customer_id      uuid        not null references customers,
    device_id        varchar(64) not null,
    device_name      text        not null,
    method           varchar(16) not null check (method in ('SMS', 'APPROVAL')),
    code_hash        bytea,
    failed_attempts  integer     not null default 0 check (failed_attempts >= 0),
    status           varchar(16) not null check (status in ('SENDING', 'PENDING', 'APPROVED', 'USED', 'FAILED',
                                                             'EXHAUSTED', 'SUPERSEDED')),
    sms_message_id   text,
    approved_by      varchar(64),
    approved_at      timestamptz,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    closed_at        timestamptz,
    check ((method = 'SMS') = (code_hash is not null)),
    check (status <> 'APPROVED' or approved_by is not null)
);
create index device_binding_challenges_customer on device_binding_challenges (customer_id, created_at);

-- Consecutive failed logins per username, whether or not the username exists, so a lock says nothing about
-- which usernames exist. A successful login deletes the row; a lock restarts the count.
create table login_account_failures (
    username              varchar(64) primary key,
    consecutive_failures  integer     not null check (consecutive_failures >= 0),
    last_failure_at       timestamptz not null,
    locked_until          timestamptz
);

-- Failed logins per source address within the sliding window, and the sources locked out.
create table login_source_failures (
    id         bigserial   primary key,
    source     varchar(64) not null,
    failed_at  timestamptz not null
);
create index login_source_failures_source on login_source_failures (source, failed_at);

create table login_source_locks (
    source        varchar(64) primary key,
    locked_until  timestamptz not null
);
