-- Drawdowns of a credit line, each with its own repayment schedule, and what was accrued, collected and reminded.

-- Interest accrues daily on outstanding: the interest of the days since base_date on base_principal (see
-- LoanSchedule.dailyAccrual), accrued_since_base of it booked; accrued_through is the last business date booked.
-- interest_receivable and penalty_receivable are accrued and not yet collected.
create table loan_drawdowns (
    id                   uuid          primary key,
    loan_id              uuid          not null references loans,
    number               integer       not null check (number > 0),
    amount               bigint        not null check (amount > 0),
    method               varchar(20)   not null check (method in ('EQUAL_INSTALMENT', 'EQUAL_PRINCIPAL')),
    term_months          integer       not null check (term_months between 1 and 60),
    annual_rate          numeric(7, 6) not null,
    drawn_on             date          not null,
    outstanding          bigint        not null check (outstanding >= 0),
    status               varchar(8)    not null check (status in ('ACTIVE', 'REPAID')),
    accrued_through      date          not null,
    base_date            date          not null,
    base_principal       bigint        not null,
    accrued_since_base   bigint        not null default 0,
    interest_receivable  bigint        not null default 0 check (interest_receivable >= 0),
    penalty_receivable   bigint        not null default 0 check (penalty_receivable >= 0),
    idempotency_key      varchar(64)   not null,
    request_hash         char(64)      not null,
    entry_id             uuid          not null,
    created_at           timestamptz   not null,
    unique (loan_id, number),
    unique (loan_id, idempotency_key),
    check (status <> 'REPAID' or outstanding = 0)
);
create index loan_drawdowns_active on loan_drawdowns (accrued_through) where status = 'ACTIVE';

-- reminded_stage: the highest overdue stage whose reminder was sent (0 for none).
create table loan_instalments (
    drawdown_id     uuid        not null references loan_drawdowns,
    number          integer     not null,
    due_date        date        not null,
    period_start    date        not null,
    principal       bigint      not null check (principal >= 0),
    interest        bigint      not null check (interest >= 0),
    principal_paid  bigint      not null default 0,
    interest_paid   bigint      not null default 0,
    penalty_paid    bigint      not null default 0,
    status          varchar(8)  not null check (status in ('DUE', 'OVERDUE', 'PAID')),
    paid_on         date,
    reminded_stage  smallint    not null default 0,
    primary key (drawdown_id, number),
    check (principal_paid between 0 and principal)
);
create index loan_instalments_open on loan_instalments (due_date) where status in ('DUE', 'OVERDUE');

-- One row per drawdown and business date accrued: the exactly-once record of loan.accrue.
create table loan_accruals (
    drawdown_id    uuid    not null references loan_drawdowns,
    business_date  date    not null,
    interest       bigint  not null check (interest >= 0),
    penalty        bigint  not null check (penalty >= 0),
    entry_id       uuid,
    primary key (drawdown_id, business_date)
);

-- Money collected: a scheduled instalment (by loan.collect) or an early repayment by the customer.
create table loan_repayments (
    id               uuid         primary key,
    loan_id          uuid         not null references loans,
    drawdown_id      uuid         not null references loan_drawdowns,
    kind             varchar(12)  not null check (kind in ('SCHEDULED', 'EARLY')),
    business_date    date         not null,
    principal        bigint       not null check (principal >= 0),
    interest         bigint       not null check (interest >= 0),
    penalty          bigint       not null check (penalty >= 0),
    idempotency_key  varchar(64),
    request_hash     char(64),
    entry_id         uuid         not null,
    created_at       timestamptz  not null,
    unique (loan_id, idempotency_key)
);
create index loan_repayments_drawdown on loan_repayments (drawdown_id);
