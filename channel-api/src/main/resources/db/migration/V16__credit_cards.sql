-- BranchLink channel-api schema, version 16: credit cards (docs/cards.md).

-- A credit card's balance is a receivable of the bank: an asset, kept on the debit side (kind CARD, side D), so its
-- balance in the natural sign is what the customer owes. Purchases debit it against the card processor's clearing
-- account, repayments credit it from the customer's deposit account, interest debits it against interest income
-- (kind INCOME, side C).
alter table accounts drop constraint accounts_kind_check;
alter table accounts add constraint accounts_kind_check
    check (kind in ('CUSTOMER', 'CASH_GL', 'SUSPENSE', 'EQUITY', 'CLEARING', 'FX_POSITION', 'CARD', 'INCOME'));
alter table accounts add constraint accounts_card_owned check (kind <> 'CARD' or customer_id is not null);

insert into accounts (id, account_number, kind, side, currency, name)
values ('00000000-0000-0000-0000-00000000c001', 'CLEARING-CARD-PROCESSOR', 'CLEARING', 'C', 'CNY',
        'Card purchases payable to the card processor'),
       ('00000000-0000-0000-0000-00000000c002', 'INCOME-CARD-INTEREST', 'INCOME', 'C', 'CNY',
        'Interest income on credit cards');

-- card_ref: the reference the card processor addresses the card by; the bank never stores the full card number,
-- only its last four digits. Statement and due days are days of the month up to 28, so every month has them.
create table credit_cards (
    id             uuid        primary key,
    customer_id    uuid        not null references customers,
    account_id     uuid        not null unique references accounts,
    card_ref       varchar(40) not null unique check (card_ref ~ '^[A-Za-z0-9_-]{8,40}$'),
    pan_last4      char(4)     not null check (pan_last4 ~ '^[0-9]{4}$'),
    currency       char(3)     not null,
    credit_limit   bigint      not null check (credit_limit >= 0),
    statement_day  smallint    not null check (statement_day between 1 and 28),
    due_day        smallint    not null check (due_day between 1 and 28),
    status         varchar(16) not null default 'ACTIVE' check (status in ('ACTIVE', 'BLOCKED')),
    opened_on      date        not null,
    created_at     timestamptz not null default now()
);
create index credit_cards_customer on credit_cards (customer_id);

-- What the processor sent, one row per processor transaction id (replays answer the stored outcome); body_hash is
-- the SHA-256 of the signed body, so that a different body under a known id is refused.
create table card_transactions (
    processor_txn_id  varchar(64) primary key,
    card_id           uuid        not null references credit_cards,
    kind              varchar(16) not null check (kind in ('PURCHASE')),
    amount            bigint      not null check (amount > 0),
    currency          char(3)     not null,
    merchant          text        not null,
    body_hash         bytea       not null,
    outcome           varchar(16) not null check (outcome in ('APPROVED', 'DECLINED')),
    decline_reason    varchar(32),
    auth_code         char(6),
    entry_id          uuid        references journal_entries,
    business_date     date        not null,
    created_at        timestamptz not null default now(),
    check ((outcome = 'APPROVED') = (entry_id is not null))
);
create index card_transactions_card on card_transactions (card_id, business_date);

create table card_repayments (
    id                uuid        primary key,
    card_id           uuid        not null references credit_cards,
    customer_id       uuid        not null references customers,
    idempotency_key   varchar(64) not null,
    request_hash      bytea       not null,
    from_account_id   uuid        not null references accounts,
    amount            bigint      not null check (amount > 0),
    entry_id          uuid        not null references journal_entries,
    business_date     date        not null,
    created_at        timestamptz not null default now(),
    unique (customer_id, idempotency_key)
);
create index card_repayments_card on card_repayments (card_id, business_date);

-- One row per card and business date with interest: principal is the statement balance still unpaid that day.
create table card_interest (
    card_id         uuid    not null references credit_cards,
    business_date   date    not null,
    statement_date  date    not null,
    principal       bigint  not null check (principal > 0),
    amount          bigint  not null check (amount > 0),
    entry_id        uuid    not null references journal_entries,
    primary key (card_id, business_date)
);

-- balance: what the customer owed at the end of the statement date; the minimum payment and the due date follow.
create table card_statements (
    card_id          uuid        not null references credit_cards,
    statement_date   date        not null,
    balance          bigint      not null check (balance >= 0),
    minimum_payment  bigint      not null check (minimum_payment >= 0 and minimum_payment <= balance),
    due_date         date        not null check (due_date > statement_date),
    created_at       timestamptz not null default now(),
    primary key (card_id, statement_date)
);

create table card_limit_requests (
    id               uuid        primary key,
    card_id          uuid        not null references credit_cards,
    customer_id      uuid        not null references customers,
    current_limit    bigint      not null,
    requested_limit  bigint      not null check (requested_limit >= 0),
    status           varchar(16) not null check (status in ('APPLIED', 'PENDING_REVIEW')),
    created_at       timestamptz not null default now()
);
create index card_limit_requests_card on card_limit_requests (card_id, created_at);
