-- BranchLink channel-api schema, version 1: customers and sessions, the double-entry ledger with holds,
-- branches and terminals, cardless QR tokens and the transactions that redeem them.

create table branches (
    id          varchar(16) primary key,
    name        text        not null
);

create table customers (
    id                uuid        primary key,
    username          varchar(64) not null unique,
    password_hash     text        not null,
    full_name         text        not null,
    phone             varchar(20) not null,
    phone_changed_at  timestamptz,
    status            varchar(16) not null default 'ACTIVE' check (status in ('ACTIVE', 'BLOCKED')),
    created_at        timestamptz not null default now()
);

create table customer_devices (
    customer_id  uuid        not null references customers,
    device_id    varchar(64) not null,
    name         text        not null,
    bound_at     timestamptz not null,
    primary key (customer_id, device_id)
);

-- Bearer sessions: only the SHA-256 of the token is stored.
create table sessions (
    token_hash   bytea       primary key,
    customer_id  uuid        not null references customers,
    device_id    varchar(64) not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

-- side: the normal balance side, D for assets (cash in an ITM), C for liabilities (customer deposits).
-- balance is kept in the account's natural sign; held is the sum of open holds.
create table accounts (
    id              uuid        primary key,
    account_number  varchar(32) not null unique,
    customer_id     uuid        references customers,
    kind            varchar(16) not null check (kind in ('CUSTOMER', 'CASH_GL', 'SUSPENSE', 'EQUITY')),
    side            char(1)     not null check (side in ('D', 'C')),
    currency        char(3)     not null,
    name            text        not null,
    balance         bigint      not null default 0,
    held            bigint      not null default 0 check (held >= 0),
    created_at      timestamptz not null default now(),
    check (kind <> 'CUSTOMER' or customer_id is not null),
    check (kind <> 'CUSTOMER' or balance >= held)
);
create index accounts_customer on accounts (customer_id);

create table journal_entries (
    id          uuid        primary key,
    kind        varchar(32) not null,
    reference   text        not null,
    created_at  timestamptz not null default now()
);

-- amount: minor units, positive for a debit and negative for a credit; each entry sums to zero.
create table postings (
    id          bigserial   primary key,
    entry_id    uuid        not null references journal_entries,
    account_id  uuid        not null references accounts,
    amount      bigint      not null check (amount <> 0),
    currency    char(3)     not null
);
create index postings_entry on postings (entry_id);
create index postings_account on postings (account_id, id);

-- Every journal entry balances to zero per currency and has at least two legs, checked at commit.
create function check_entry_balances() returns trigger language plpgsql as $$
declare
    unbalanced record;
begin
    select entry_id, currency, sum(amount) as total, count(*) as legs into unbalanced
      from postings
     where entry_id = new.entry_id
     group by entry_id, currency
    having sum(amount) <> 0
     limit 1;
    if found then
        raise exception 'journal entry % does not balance in %: %', unbalanced.entry_id, unbalanced.currency,
            unbalanced.total using errcode = '23514';
    end if;
    if (select count(*) from postings where entry_id = new.entry_id) < 2 then
        raise exception 'journal entry % has fewer than two postings', new.entry_id using errcode = '23514';
    end if;
    return null;
end;
$$;

create constraint trigger postings_balance
    after insert on postings
    deferrable initially deferred
    for each row execute function check_entry_balances();

-- The books are append-only: a correction is a new entry, never an edit.
create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name using errcode = '42501';
end;
$$;

create trigger postings_append_only before update or delete on postings
    for each row execute function refuse_change();
create trigger journal_entries_append_only before update or delete on journal_entries
    for each row execute function refuse_change();

create table holds (
    id          uuid        primary key,
    account_id  uuid        not null references accounts,
    amount      bigint      not null check (amount > 0),
    status      varchar(16) not null check (status in ('PLACED', 'RELEASED', 'CAPTURED')),
    reason      text        not null,
    created_at  timestamptz not null default now(),
    closed_at   timestamptz
);
create index holds_account on holds (account_id) where status = 'PLACED';

create table terminals (
    id               varchar(8)  primary key,
    branch_id        varchar(16) not null references branches,
    kind             varchar(8)  not null check (kind in ('ITM', 'TELLER')),
    cash_account_id  uuid        references accounts,
    check (kind <> 'ITM' or cash_account_id is not null)
);

-- Branch hubs authenticate with an id and a 256-bit secret; only its SHA-256 is stored.
create table hubs (
    id            varchar(32) primary key,
    branch_id     varchar(16) not null references branches,
    secret_hash   bytea       not null
);

create table cardless_tokens (
    token_id     char(32)    primary key,
    type         varchar(16) not null check (type in ('WITHDRAWAL', 'DEPOSIT')),
    customer_id  uuid        not null references customers,
    account_id   uuid        not null references accounts,
    device_id    varchar(64) not null,
    amount       bigint,
    currency     char(3)     not null,
    branch_id    varchar(16) references branches,
    key_id       varchar(16) not null,
    expires_at   timestamptz not null,
    status       varchar(16) not null check (status in ('ACTIVE', 'USED', 'CANCELLED', 'EXPIRED')),
    hold_id      uuid        references holds,
    created_at   timestamptz not null default now(),
    closed_at    timestamptz,
    check (type <> 'WITHDRAWAL' or (amount > 0 and hold_id is not null))
);
create index cardless_tokens_active on cardless_tokens (expires_at) where status = 'ACTIVE';
create index cardless_tokens_customer on cardless_tokens (customer_id, created_at);

-- One row per terminal transaction: the key (terminal, STAN, transmission date) makes redemption, deposit
-- credit and reversal idempotent. A reversal that arrives before its original leaves a row with outcome
-- REVERSED_UNSEEN so that the late original is refused.
create table cardless_transactions (
    terminal_id       varchar(8)  not null references terminals,
    stan              integer     not null check (stan between 0 and 999999),
    transmission_date date        not null,
    kind              varchar(16) not null check (kind in ('WITHDRAWAL', 'DEPOSIT')),
    token_id          char(32),
    amount            bigint,
    currency          char(3),
    rrn               varchar(12),
    outcome           varchar(32) not null,
    auth_code         char(6),
    entry_id          uuid        references journal_entries,
    reversed_amount   bigint,
    reversal_entry_id uuid        references journal_entries,
    created_at        timestamptz not null default now(),
    reversed_at       timestamptz,
    primary key (terminal_id, stan, transmission_date)
);
create index cardless_transactions_token on cardless_transactions (token_id);
