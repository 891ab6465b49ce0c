-- Transfers: payees, the designated-payees-only mode set at the counter, transfers to own accounts, to other
-- customers and to other banks through the interbank clearing system, the outbox that delivers interbank payments,
-- and the clearing exceptions operators work through.

-- Interbank transfers debit the payer into the in-transit account; a confirmation moves the amount on to the
-- settlement account (settled with the clearing system), a rejection or a timeout back to the payer.
insert into accounts (id, account_number, kind, side, currency, name)
values ('00000000-0000-0000-0000-0000000c1e01', 'CLEARING-INTERBANK-TRANSIT', 'CLEARING', 'C', 'CNY',
        'Interbank transfers sent to the clearing system, not yet confirmed'),
       ('00000000-0000-0000-0000-0000000c1e02', 'CLEARING-INTERBANK-SETTLE', 'CLEARING', 'C', 'CNY',
        'Interbank transfers confirmed by the clearing system, to settle with it');

-- A customer's saved payees. counterparty is the payee's stable key (the risk engine's counterparty): the account
-- number at this bank, or bank code and account number at another bank; one live payee per key and customer.
create table payees (
    id                     uuid        primary key,
    customer_id            uuid        not null references customers,
    kind                   varchar(16) not null check (kind in ('INTRA', 'INTERBANK')),
    account_id             uuid        references accounts,
    bank_code              varchar(12),
    account_number         varchar(32) not null,
    name                   varchar(64) not null,
    counterparty           varchar(48) not null,
    registered_at_counter  boolean     not null default false,
    registered_by          varchar(64),
    trusted_at             timestamptz,
    created_at             timestamptz not null,
    removed_at             timestamptz,
    check (kind <> 'INTRA' or account_id is not null),
    check (kind <> 'INTERBANK' or bank_code is not null)
);
create unique index payees_live on payees (customer_id, counterparty) where removed_at is null;

-- Customers whose transfers go only to their own accounts and to payees registered at the counter (elder edition).
create table transfer_restrictions (
    customer_id  uuid        primary key references customers,
    set_by       varchar(64) not null,
    set_at       timestamptz not null
);

-- One row per transfer. The (customer, idempotency key) pair makes a request idempotent; request_hash tells a
-- replay from a different request under the same key. entry_id is the debit, settle_entry_id the confirmation's
-- move to settlement, refund_entry_id the refund: a transfer has exactly the entries of its state.
create table transfers (
    id               uuid        primary key,
    customer_id      uuid        not null references customers,
    idempotency_key  varchar(64) not null,
    request_hash     bytea       not null,
    kind             varchar(16) not null check (kind in ('OWN', 'INTRA', 'INTERBANK')),
    from_account_id  uuid        not null references accounts,
    to_account_id    uuid        references accounts,
    payee_id         uuid        references payees,
    amount           bigint      not null check (amount > 0),
    currency         char(3)     not null,
    memo             varchar(140),
    state            varchar(16) not null
                     check (state in ('COMPLETED', 'SENT', 'ACCEPTED', 'CONFIRMED', 'REFUNDED')),
    refund_reason    varchar(16) check (refund_reason in ('REJECTED', 'TIMED_OUT')),
    failure_reason   varchar(200),
    business_date    date        not null,
    entry_id         uuid        not null references journal_entries,
    settle_entry_id  uuid        references journal_entries,
    refund_entry_id  uuid        references journal_entries,
    created_at       timestamptz not null,
    accepted_at      timestamptz,
    finished_at      timestamptz,
    unique (customer_id, idempotency_key),
    check (kind = 'INTERBANK' or state = 'COMPLETED'),
    check (kind <> 'INTERBANK' or payee_id is not null),
    check (state <> 'REFUNDED' or (refund_reason is not null and refund_entry_id is not null)),
    check (state <> 'CONFIRMED' or settle_entry_id is not null)
);
create index transfers_customer on transfers (customer_id, created_at desc);
create index transfers_customer_day on transfers (customer_id, business_date);
create index transfers_in_flight on transfers (created_at) where state in ('SENT', 'ACCEPTED');
create index journal_entries_transfer_reference on journal_entries (reference) where kind like 'TRANSFER%';

-- The interbank payments still to deliver to the clearing system: written in the transaction that debits the
-- payer, so a crash never loses one; next_attempt_at is also the lease of a sender that claimed the row.
create table clearing_outbox (
    transfer_id      uuid        primary key references transfers,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    delivered_at     timestamptz,
    closed_at        timestamptz,
    last_error       varchar(200)
);
create index clearing_outbox_due on clearing_outbox (next_attempt_at) where delivered_at is null and closed_at is null;

-- What the clearing system said that the books could not follow: a confirmation after the bank had refunded (the
-- money reached the payee and the payer has it back), or a rejection after a confirmation. Never a second posting;
-- operators resolve each one.
create table clearing_exceptions (
    id            bigserial   primary key,
    transfer_id   uuid        not null references transfers,
    kind          varchar(32) not null check (kind in ('LATE_CONFIRMATION', 'REJECTED_AFTER_CONFIRMATION')),
    detail        varchar(200),
    created_at    timestamptz not null,
    resolved_at   timestamptz,
    resolved_by   varchar(64),
    resolution    varchar(200),
    unique (transfer_id, kind)
);

-- The notifications the clearing system sent, by its id, so a repeated one is recognised.
create table clearing_notifications (
    notification_id  varchar(64) primary key,
    transfer_id      uuid        not null references transfers,
    status           varchar(16) not null,
    received_at      timestamptz not null
);
