-- The fully online credit loan (docs/loans.md): applications decided by the scorecard, the credit line an approval
-- opens, and its signed, sealed contract.

create sequence loan_numbers start 1000000001;

-- One row per application, approved or declined. The resident ID number is not kept: only the bureau's report id
-- and the report fields the scorecard read, so that a decision can be explained later.
create table loan_applications (
    id                      uuid         primary key,
    customer_id             uuid         not null references customers,
    account_id              uuid         not null references accounts,
    status                  varchar(16)  not null check (status in ('APPROVED', 'DECLINED')),
    score                   integer      not null,
    band                    varchar(8),
    limit_amount            bigint       check (limit_amount > 0),
    annual_rate             numeric(7, 6),
    currency                char(3)      not null,
    -- the customer-safe reasons of a decline, one per line
    reasons                 text         not null default '',
    bureau_report_id        varchar(64),
    bureau_found            boolean      not null,
    history_months          integer      not null,
    delinquencies_12m       integer      not null,
    worst_delinquency_days  integer      not null,
    utilisation             numeric(8, 4) not null,
    inquiries_6m            integer      not null,
    risk_decision_id        uuid,
    created_at              timestamptz  not null,
    check (status <> 'APPROVED' or (limit_amount is not null and annual_rate is not null))
);
create index loan_applications_customer on loan_applications (customer_id, created_at);

-- A credit line: OFFERED once approved, ACTIVE once its contract is signed (drawdowns allowed), CLOSED when
-- ended. Revolving: outstanding principal stays within the limit, and repaid principal can be drawn again.
-- principal_account_id is the line's own asset account in the ledger (kind LOAN), whose balance is outstanding.
create table loans (
    id                    uuid          primary key,
    reference             varchar(16)   not null unique,
    application_id        uuid          not null unique references loan_applications,
    customer_id           uuid          not null references customers,
    account_id            uuid          not null references accounts,
    principal_account_id  uuid          not null unique references accounts,
    status                varchar(16)   not null check (status in ('OFFERED', 'ACTIVE', 'CLOSED')),
    limit_amount          bigint        not null check (limit_amount > 0),
    annual_rate           numeric(7, 6) not null check (annual_rate >= 0),
    penalty_rate          numeric(7, 6) not null check (penalty_rate >= 0),
    currency              char(3)       not null,
    disbursed             bigint        not null default 0,
    repaid_principal      bigint        not null default 0,
    outstanding           bigint        not null default 0,
    interest_accrued      bigint        not null default 0,
    interest_paid         bigint        not null default 0,
    penalty_accrued       bigint        not null default 0,
    penalty_paid          bigint        not null default 0,
    offered_at            timestamptz   not null,
    signed_at             timestamptz,
    closed_at             timestamptz,
    check (outstanding = disbursed - repaid_principal),
    check (outstanding >= 0 and outstanding <= limit_amount),
    check (interest_paid <= interest_accrued and penalty_paid <= penalty_accrued)
);
create index loans_customer on loans (customer_id);
create unique index loans_one_open_per_customer on loans (customer_id) where status in ('OFFERED', 'ACTIVE');

-- The signed contract: the PDF sealed by the bank, with the SHA-256 of its bytes.
create table loan_contracts (
    loan_id           uuid         primary key references loans,
    content_hash      char(64)     not null,
    pdf               bytea        not null,
    step_up_id        varchar(64)  not null,
    risk_decision_id  uuid         not null,
    signed_at         timestamptz  not null
);
