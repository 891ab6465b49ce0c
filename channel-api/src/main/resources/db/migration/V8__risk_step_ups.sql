-- BranchLink channel-api schema, version 8: pending step-ups. A risk decision of STEP_UP on an action of the phone
-- becomes a row here; a verified second factor of the same customer and phone completes it, and the retried action
-- uses it once.

-- id is 32 random bytes in base64url (43 characters): knowing it is part of the proof at a login step-up, so it is
-- unguessable. request_digest is the SHA-256 of the action's money-relevant fields (action, account, amount and
-- currency, counterparty, branch): a step-up passed for one amount cannot be used for another.
-- PENDING -> VERIFIED (a factor listed in factors verified) -> USED (the action's transaction used it);
-- PENDING or VERIFIED -> EXPIRED once expires_at has passed (set when it is read; rows past expiry are purged).
-- No foreign key to customers: the row is written while the action's transaction may hold the customer's row lock.
create table risk_step_ups (
    id               varchar(43)  primary key,
    customer_id      uuid         not null,
    device_id        varchar(64)  not null,
    action           varchar(32)  not null,
    request_digest   bytea        not null check (octet_length(request_digest) = 32),
    decision_id      uuid         not null,
    -- the acceptable factors, comma-separated: SOFT_OTP, BIOMETRIC
    factors          text         not null,
    status           varchar(8)   not null check (status in ('PENDING', 'VERIFIED', 'USED', 'EXPIRED')),
    created_at       timestamptz  not null,
    expires_at       timestamptz  not null,
    verified_at      timestamptz,
    verified_factor  varchar(16)  check (verified_factor in ('SOFT_OTP', 'BIOMETRIC')),
    used_at          timestamptz,
    check (expires_at > created_at),
    check (status not in ('VERIFIED', 'USED') or (verified_at is not null and verified_factor is not null)),
    check ((status = 'USED') = (used_at is not null))
);
create index risk_step_ups_customer on risk_step_ups (customer_id, created_at desc);
create index risk_step_ups_expires_at on risk_step_ups (expires_at);
