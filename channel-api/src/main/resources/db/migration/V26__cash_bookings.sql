-- BranchLink channel-api schema, version 26: large-cash bookings as reservations (docs/cash-bookings.md).
-- A booking reserves its amount on the account with a ledger hold until the end of the booked day; the teller pays
-- it out at the booked branch on the booked day (the hold captured into the branch's cash GL account, a voucher),
-- or the end of that day releases it as a no-show. The counter's LARGE_CASH_BOOK form makes the same booking.

-- Rows written before bookings reserved money have no hold behind them: they stay as LEGACY and nothing reads them.
alter table cash_bookings
    alter column draft_id drop not null,
    add column status            varchar(16) not null default 'LEGACY'
        check (status in ('BOOKED', 'PAID', 'CANCELLED', 'NO_SHOW', 'LEGACY')),
    add column hold_id           uuid        references holds,
    add column request_id        varchar(64),
    add column request_hash      char(64),
    add column code_id           char(32)    unique,
    add column entry_id          uuid        references journal_entries,
    add column confirmation_id   uuid        unique,
    add column voucher_reference varchar(40),
    add column teller_id         varchar(32),
    add column terminal_id       varchar(8),
    add column reminded_at       timestamptz,
    add column closed_at         timestamptz,
    add constraint cash_bookings_open_holds check (status not in ('BOOKED', 'PAID', 'CANCELLED', 'NO_SHOW')
        or (hold_id is not null and code_id is not null)),
    add constraint cash_bookings_paid check (status <> 'PAID' or (entry_id is not null and confirmation_id is not null));
alter table cash_bookings alter column status drop default;

-- requestId makes the app's booking idempotent per customer
create unique index cash_bookings_request on cash_bookings (customer_id, request_id) where request_id is not null;
-- the end-of-day step and the branch's cash orders read by day
create index cash_bookings_day on cash_bookings (withdrawal_date, branch_id) where status in ('BOOKED', 'PAID');
create index cash_bookings_customer on cash_bookings (customer_id, created_at desc);

-- A payout's voucher has no form draft behind it.
alter table vouchers alter column draft_id drop not null;
