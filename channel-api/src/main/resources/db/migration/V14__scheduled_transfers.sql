-- Scheduled and standing transfers: an order pays once on a future date, or weekly or monthly from its start
-- date until its end date or until cancelled. The end-of-day step writes one execution row per order and business
-- date (the primary key), so running a date again never pays twice.
create table transfer_orders (
    id               uuid        primary key,
    customer_id      uuid        not null references customers,
    idempotency_key  varchar(64) not null,
    request_hash     bytea       not null,
    from_account_id  uuid        not null references accounts,
    to_account_id    uuid        references accounts,
    payee_id         uuid        references payees,
    amount           bigint      not null check (amount > 0),
    currency         char(3)     not null,
    memo             varchar(140),
    frequency        varchar(8)  not null check (frequency in ('ONCE', 'WEEKLY', 'MONTHLY')),
    start_date       date        not null,
    end_date         date,
    status           varchar(16) not null check (status in ('ACTIVE', 'CANCELLED', 'FINISHED')),
    created_at       timestamptz not null,
    closed_at        timestamptz,
    unique (customer_id, idempotency_key),
    check ((to_account_id is null) <> (payee_id is null)),
    check (end_date is null or end_date >= start_date)
);
create index transfer_orders_active on transfer_orders (start_date) where status = 'ACTIVE';
create index transfer_orders_customer on transfer_orders (customer_id, created_at desc);

create table transfer_order_executions (
    order_id       uuid        not null references transfer_orders,
    business_date  date        not null,
    status         varchar(16) not null check (status in ('EXECUTED', 'FAILED')),
    transfer_id    uuid        references transfers,
    reason         varchar(200),
    created_at     timestamptz not null,
    primary key (order_id, business_date),
    check (status <> 'EXECUTED' or transfer_id is not null)
);
