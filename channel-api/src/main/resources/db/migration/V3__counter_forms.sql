-- BranchLink channel-api schema, version 3: pre-filled counter business (flow 3, docs/counter-business.md).
-- Customer profiles and cards, time deposits and the GL accounts counter business posts to, form drafts with
-- their staging outbox, executions and archived vouchers.

alter table customers
    add column id_number             varchar(18),
    add column address               text,
    add column occupation            varchar(32),
    add column id_expiry             date,
    add column must_change_password  boolean not null default false;

-- product (customer accounts only): what the account is; a TIME_DEPOSIT has a row in time_deposits. status CLOSED: withdrawn in
-- full, no more postings expected. account_class: TYPE_I / TYPE_II for personal current accounts.
alter table accounts
    add column product        varchar(16) not null default 'CURRENT'
        check (product in ('CURRENT', 'TIME_DEPOSIT')),
    add column status         varchar(16) not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    add column account_class  varchar(8) check (account_class in ('TYPE_I', 'TYPE_II')),
    add column closed_at      timestamptz;
alter table accounts drop constraint accounts_kind_check;
alter table accounts add constraint accounts_kind_check
    check (kind in ('CUSTOMER', 'CASH_GL', 'SUSPENSE', 'EQUITY', 'CLEARING', 'FX_POSITION'));

-- Numbers of accounts and cards the bank opens itself (16 digits: 622202 + 9 + a Luhn check digit for cards,
-- 622202 + 10 for accounts).
create sequence account_numbers start 7000000000;
create sequence card_numbers start 800000000;

create table time_deposits (
    account_id         uuid        primary key references accounts,
    term               varchar(4)  not null check (term in ('M3', 'M6', 'Y1', 'Y2', 'Y3', 'Y5')),
    opened_on          date        not null,
    maturity_date      date        not null,
    auto_renew         boolean     not null,
    source_account_id  uuid        references accounts,
    draft_id           uuid
);

create table cards (
    card_number    varchar(19) primary key check (card_number ~ '^[0-9]{16,19}$'),
    customer_id    uuid        not null references customers,
    account_id     uuid        not null references accounts,
    status         varchar(20) not null check (status in ('ACTIVE', 'TEMPORARILY_BLOCKED', 'BLOCKED')),
    replaced_by    varchar(19) references cards,
    issued_at      timestamptz not null default now(),
    status_changed_at timestamptz
);
create index cards_customer on cards (customer_id);

-- GL accounts of counter business: payments to other banks wait in remittance clearing; foreign exchange goes
-- through one position account per currency, so each currency's entry balances on its own.
insert into accounts (id, account_number, kind, side, currency, name)
values ('00000000-0000-0000-0000-00000000e003', 'CLEARING-REMITTANCE', 'CLEARING', 'C', 'CNY',
        'Remittances to other banks awaiting settlement'),
       ('00000000-0000-0000-0000-00000000f001', 'FX-POSITION-CNY', 'FX_POSITION', 'C', 'CNY', 'FX position CNY'),
       ('00000000-0000-0000-0000-00000000f002', 'FX-POSITION-USD', 'FX_POSITION', 'C', 'USD', 'FX position USD'),
       ('00000000-0000-0000-0000-00000000f003', 'FX-POSITION-EUR', 'FX_POSITION', 'C', 'EUR', 'FX position EUR'),
       ('00000000-0000-0000-0000-00000000f004', 'FX-POSITION-HKD', 'FX_POSITION', 'C', 'HKD', 'FX position HKD'),
       ('00000000-0000-0000-0000-00000000f005', 'FX-POSITION-JPY', 'FX_POSITION', 'C', 'JPY', 'FX position JPY'),
       ('00000000-0000-0000-0000-00000000f006', 'FX-POSITION-GBP', 'FX_POSITION', 'C', 'GBP', 'FX position GBP');

create table form_drafts (
    id                uuid        primary key,
    customer_id       uuid        not null references customers,
    type              varchar(40) not null,
    field_values      jsonb       not null,
    status            varchar(16) not null check (status in ('DRAFT', 'SUBMITTED', 'STAGED', 'EXECUTED', 'REJECTED',
                                                            'FAILED', 'CANCELLED', 'EXPIRED')),
    branch_id         varchar(16) references branches,
    token_id          char(32)    unique,
    key_id            varchar(16),
    token_expires_at  timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    submitted_at      timestamptz,
    decided_at        timestamptz,
    outcome_message   text,
    check (status in ('DRAFT', 'CANCELLED') or token_id is not null),
    check (status <> 'STAGED' or branch_id is not null)
);
create index form_drafts_customer on form_drafts (customer_id, created_at desc);
create index form_drafts_open on form_drafts (token_expires_at) where status in ('SUBMITTED', 'STAGED');

-- The staging outbox: written in the transaction that changes a form's status; hubs read it by seq. Writers take
-- a per-branch advisory lock first, so a branch's events commit in seq order and a reader never skips one.
create table form_staging_events (
    seq         bigserial   primary key,
    branch_id   varchar(16) not null references branches,
    token_id    char(32)    not null,
    kind        varchar(16) not null check (kind in ('STAGED', 'WITHDRAWN')),
    form        jsonb,
    created_at  timestamptz not null default now(),
    check (kind <> 'STAGED' or form is not null)
);
create index form_staging_events_branch on form_staging_events (branch_id, seq);

-- One row per decided form: the confirmation id makes a retried execution return the stored answer.
create table form_executions (
    confirmation_id    varchar(64) primary key,
    draft_id           uuid        not null unique references form_drafts,
    hub_id             varchar(32) not null,
    teller_id          varchar(32) not null,
    terminal_id        varchar(8)  not null,
    decision           varchar(8)  not null check (decision in ('CONFIRM', 'REJECT')),
    outcome            varchar(16) not null check (outcome in ('EXECUTED', 'REJECTED', 'FAILED')),
    message            text        not null,
    result             jsonb       not null default '{}',
    voucher_reference  varchar(40),
    decided_at         timestamptz not null
);

create table vouchers (
    reference     varchar(40) primary key,
    draft_id      uuid        not null unique references form_drafts,
    customer_id   uuid        not null references customers,
    branch_id     varchar(16) not null references branches,
    type          varchar(40) not null,
    teller_id     varchar(32) not null,
    content_hash  char(64)    not null,
    pdf           bytea       not null,
    created_at    timestamptz not null
);
create index vouchers_customer on vouchers (customer_id, created_at desc);

-- The daily voucher sequence per branch (V-{branch}-{yyyyMMdd}-{seq}).
create table voucher_sequences (
    branch_id  varchar(16) not null references branches,
    day        date        not null,
    last       integer     not null,
    primary key (branch_id, day)
);

create table cash_bookings (
    id               uuid        primary key,
    draft_id         uuid        not null unique references form_drafts,
    customer_id      uuid        not null references customers,
    branch_id        varchar(16) not null references branches,
    account_id       uuid        not null references accounts,
    amount           bigint      not null check (amount > 0),
    currency         char(3)     not null,
    withdrawal_date  date        not null,
    denomination     varchar(16) not null,
    created_at       timestamptz not null
);

create table password_resets (
    id             uuid        primary key,
    draft_id       uuid        not null unique references form_drafts,
    customer_id    uuid        not null references customers,
    password_kind  varchar(16) not null,
    account_id     uuid        references accounts,
    created_at     timestamptz not null
);
