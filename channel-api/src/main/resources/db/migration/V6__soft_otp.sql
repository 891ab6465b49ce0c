-- Soft OTP (TOTP, RFC 6238): one authenticator secret per bound phone, enrolled when the phone is bound.
-- The secret is stored only encrypted (AES-256-GCM: 12-byte nonce, ciphertext, 16-byte tag) with the key in
-- branchlink.channel.otp.encryption-key; the customer and device are the associated data.
create table device_otp (
    customer_id         uuid        not null,
    device_id           varchar(64) not null,
    secret_encrypted    bytea       not null,
    enrolled_at         timestamptz not null,
    -- the time step (Unix seconds / 30) of the last accepted code: a step at or before it is never accepted again
    last_accepted_step  bigint,
    -- wrong codes since first_failed_at; counting starts again once failure-window has passed
    failed_attempts     int         not null default 0,
    first_failed_at     timestamptz,
    locked_until        timestamptz,
    primary key (customer_id, device_id),
    foreign key (customer_id, device_id) references customer_devices (customer_id, device_id) on delete cascade
);
