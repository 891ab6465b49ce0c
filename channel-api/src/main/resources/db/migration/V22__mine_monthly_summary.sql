-- BranchLink channel-api schema, version 22: the customer-level view "Mine" (docs/mine.md).
-- Income and expense by month are read from a monthly summary of the customers' postings, kept by the posting path
-- itself (a constraint trigger at commit, when all legs of the entry are there), so the view reads a few hundred
-- rows whatever the length of the history. Months are calendar months in the bank's zone, Asia/Shanghai.

-- One row per customer account, month, entry kind and counterparty: money_in sums the credits (a deposit grows, a
-- debt shrinks), money_out the debits, both positive minor units. counterparty is what the entry's largest other
-- leg is: OWN (another account of the same customer), CUSTOMER (another customer's), the kind of a bank account
-- (CASH_GL, CLEARING, SUSPENSE, EQUITY, FX_POSITION, …), or NONE.
create table mine_monthly (
    account_id    uuid        not null references accounts,
    month         date        not null check (extract(day from month) = 1),
    entry_kind    varchar(32) not null,
    counterparty  varchar(16) not null,
    currency      char(3)     not null,
    money_in      bigint      not null check (money_in >= 0),
    money_out     bigint      not null check (money_out >= 0),
    postings      integer     not null check (postings > 0),
    primary key (account_id, month, entry_kind, counterparty)
);

-- The category of each summary row: the first rule by priority whose entry-kind pattern (SQL LIKE), counterparty and
-- direction match (null matches anything). flow INCOME and EXPENSE count in the totals; INTERNAL (money between the
-- customer's own accounts, opening balances, currency exchange, credit drawn) is shown but not counted. Categories
-- are read at query time, so a changed rule recategorises the whole history at once.
create table mine_categories (
    priority      integer     primary key,
    entry_kind    varchar(32) not null,
    counterparty  varchar(16),
    direction     varchar(3)  check (direction in ('IN', 'OUT')),
    category      varchar(32) not null,
    flow          varchar(8)  not null check (flow in ('INCOME', 'EXPENSE', 'INTERNAL')),
    returns       boolean     not null default false
);

insert into mine_categories (priority, entry_kind, counterparty, direction, category, flow, returns) values
    (100, 'SALARY%',                     null,       'IN',  'SALARY',           'INCOME',   false),
    (110, 'PAYROLL%',                    null,       'IN',  'SALARY',           'INCOME',   false),
    (200, '%INTEREST%',                  null,       'IN',  'INTEREST',         'INCOME',   true),
    (210, '%INTEREST%',                  null,       'OUT', 'INTEREST_PAID',    'EXPENSE',  false),
    (300, '%FEE%',                       null,       'OUT', 'FEES',             'EXPENSE',  false),
    (310, '%FEE%',                       null,       'IN',  'FEES',             'EXPENSE',  false),
    (400, 'CARD_REPAYMENT%',             null,       'OUT', 'CARD_REPAYMENT',   'EXPENSE',  false),
    (410, 'CARD_REPAYMENT%',             null,       'IN',  'CARD_REPAYMENT',   'INTERNAL', false),
    (420, 'LOAN_REPAYMENT%',             null,       'OUT', 'LOAN_REPAYMENT',   'EXPENSE',  false),
    (430, 'LOAN_REPAYMENT%',             null,       'IN',  'LOAN_REPAYMENT',   'INTERNAL', false),
    (440, 'LOAN_DRAWDOWN%',              null,       null,  'LOAN_DRAWDOWN',    'INTERNAL', false),
    (450, 'CARD_PURCHASE%',              null,       'OUT', 'CARD_SPENDING',    'INTERNAL', false),
    (500, 'CARDLESS_WITHDRAWAL%',        null,       null,  'CASH_WITHDRAWAL',  'EXPENSE',  false),
    (510, 'CARDLESS_DEPOSIT%',           null,       null,  'CASH_DEPOSIT',     'INCOME',   false),
    (520, 'COUNTER_CASH_DEPOSIT%',       null,       null,  'CASH_DEPOSIT',     'INCOME',   false),
    (530, 'COUNTER_CASH_WITHDRAWAL%',    null,       null,  'CASH_WITHDRAWAL',  'EXPENSE',  false),
    (600, 'OPENING_BALANCE',             null,       null,  'OPENING_BALANCE',  'INTERNAL', false),
    (610, 'FX_%',                        null,       null,  'CURRENCY_EXCHANGE','INTERNAL', false),
    (620, 'TIME_DEPOSIT%',               null,       null,  'TIME_DEPOSIT',     'INTERNAL', false),
    (700, '%',                           'OWN',      null,  'OWN_ACCOUNTS',     'INTERNAL', false),
    (800, '%',                           'CASH_GL',  'OUT', 'CASH_WITHDRAWAL',  'EXPENSE',  false),
    (810, '%',                           'CASH_GL',  'IN',  'CASH_DEPOSIT',     'INCOME',   false),
    (900, '%',                           null,       'IN',  'TRANSFER_IN',      'INCOME',   false),
    (910, '%',                           null,       'OUT', 'TRANSFER_OUT',     'EXPENSE',  false);

-- Adds one customer posting to the summary; called at commit, when every leg of its entry is in.
create function mine_summarise_posting() returns trigger language plpgsql as $$
declare
    the_owner     uuid;
    the_kind      varchar(16);
    the_entry     varchar(32);
    the_time      timestamptz;
    the_other     varchar(16);
begin
    select customer_id, kind into the_owner, the_kind from accounts where id = new.account_id;
    if the_kind <> 'CUSTOMER' then
        return null;
    end if;
    select kind, created_at into the_entry, the_time from journal_entries where id = new.entry_id;
    select case when a.customer_id = the_owner then 'OWN' when a.kind = 'CUSTOMER' then 'CUSTOMER' else a.kind end
      into the_other
      from postings p join accounts a on a.id = p.account_id
     where p.entry_id = new.entry_id and p.account_id <> new.account_id
     order by abs(p.amount) desc, p.id
     limit 1;
    insert into mine_monthly as m (account_id, month, entry_kind, counterparty, currency, money_in, money_out,
                                   postings)
    values (new.account_id, date_trunc('month', the_time at time zone 'Asia/Shanghai')::date, the_entry,
            coalesce(the_other, 'NONE'), new.currency, greatest(-new.amount, 0), greatest(new.amount, 0), 1)
    on conflict (account_id, month, entry_kind, counterparty) do update
       set money_in = m.money_in + excluded.money_in,
           money_out = m.money_out + excluded.money_out,
           postings = m.postings + 1;
    return null;
end;
$$;

create constraint trigger postings_mine_summary
    after insert on postings
    deferrable initially deferred
    for each row execute function mine_summarise_posting();

-- Rebuilds the whole summary from the postings in one statement: the backfill below, and after a bulk load that
-- bypassed the triggers (the Mine benchmark loads with COPY).
create function mine_rebuild_summary() returns void language sql as $$
    truncate mine_monthly;
    insert into mine_monthly (account_id, month, entry_kind, counterparty, currency, money_in, money_out, postings)
    select p.account_id, date_trunc('month', e.created_at at time zone 'Asia/Shanghai')::date, e.kind,
           coalesce(o.counterparty, 'NONE'), p.currency, sum(greatest(-p.amount, 0)), sum(greatest(p.amount, 0)),
           count(*)
      from postings p
      join accounts a on a.id = p.account_id and a.kind = 'CUSTOMER'
      join journal_entries e on e.id = p.entry_id
      left join lateral (
            select case when b.customer_id = a.customer_id then 'OWN' when b.kind = 'CUSTOMER' then 'CUSTOMER'
                        else b.kind end as counterparty
              from postings q join accounts b on b.id = q.account_id
             where q.entry_id = p.entry_id and q.account_id <> p.account_id
             order by abs(q.amount) desc, q.id
             limit 1) o on true
     group by 1, 2, 3, 4, 5;
$$;

select mine_rebuild_summary();
