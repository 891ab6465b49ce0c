-- BranchLink channel-api schema, version 20: a visitor with only a phone and a resident ID card becomes a customer
-- from the app (docs/onboarding.md). The resident ID number of such a customer is kept only as a keyed hash (for
-- "already a customer?") and its last four characters; counter business keeps its own profile column id_number.

alter table customers
    add column resident_id_hash   bytea check (octet_length(resident_id_hash) = 32),
    add column resident_id_last4  char(4);
-- one customer per resident ID number among customers who onboarded online
create unique index customers_resident_id_hash on customers (resident_id_hash) where resident_id_hash is not null;

-- One row per onboarding. The code is stored only as a SHA-256 of the onboarding id and the code. The resident ID
-- number is kept encrypted (AES-256-GCM, the onboarding id as associated data) only while the identity check may
-- still need it, and erased once the onboarding ends. SENDING until the SMS gateway accepted the code, FAILED when it
-- did not; PENDING until the code, the identity check and the risk engine let it complete (COMPLETED) or refuse it
-- (REFUSED: refusal says why, for operators only); EXHAUSTED after too many wrong codes; expires_at ends it.
create table onboardings (
    id                     uuid        primary key,
    phone                  varchar(20) not null,
    full_name              text        not null,
    username               varchar(64) not null,
    password_hash          text        not null,
    device_id              varchar(64) not null,
    resident_id_hash       bytea       not null check (octet_length(resident_id_hash) = 32),
    resident_id_last4      char(4)     not null,
    resident_id_encrypted  bytea,
    birth_date             date        not null,
    code_hash              bytea       not null,
    failed_attempts        integer     not null default 0 check (failed_attempts >= 0),
    status                 varchar(16) not null check (status in ('SENDING', 'PENDING', 'COMPLETED', 'REFUSED',
                                                                  'FAILED', 'EXHAUSTED')),
    refusal                varchar(32),
    customer_id            uuid        references customers,
    account_id             uuid        references accounts,
    sms_message_id         text,
    created_at             timestamptz not null,
    expires_at             timestamptz not null,
    closed_at              timestamptz,
    check ((status = 'COMPLETED') = (customer_id is not null)),
    check (status in ('SENDING', 'PENDING') or resident_id_encrypted is null)
);
create index onboardings_phone on onboardings (phone, created_at);
create index onboardings_expiry on onboardings (expires_at) where resident_id_encrypted is not null;
