-- BranchLink channel-api schema, version 9: the risk engine's hold lists. A hold on a customer, device or account
-- makes every decision about that key DENY until it ends (until) or an operator releases it; holds are never
-- deleted, so holds and releases stay listed per customer. Decisions record whether a trusted action skipped a
-- second factor that a lower rule asked for.

create table risk_holds (
    id           uuid         primary key,
    kind         varchar(8)   not null check (kind in ('CUSTOMER', 'DEVICE', 'ACCOUNT')),
    hold_key     varchar(64)  not null,
    -- the customer the hold concerns: the key of a CUSTOMER hold, the deciding request's customer of a rule's
    -- hold, or the one the operator named; null when none was named
    customer_id  uuid,
    -- an operator's name, or rule:<id> for a hold placed by a rule that decided
    placed_by    varchar(80)  not null,
    -- the operator's (or rule's) private reason; never shown to customers
    reason       varchar(500) not null,
    placed_at    timestamptz  not null,
    until        timestamptz,
    released_by  varchar(80),
    released_at  timestamptz,
    check ((released_by is null) = (released_at is null)),
    check (until is null or until > placed_at)
);
-- loaded at start: the holds still in force
create index risk_holds_in_force on risk_holds (kind, hold_key) where released_at is null;
create index risk_holds_customer on risk_holds (customer_id, placed_at desc);

alter table risk_decisions add column skipped_second_factor boolean not null default false;
