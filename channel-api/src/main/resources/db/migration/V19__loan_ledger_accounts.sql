-- The loan's ledger: one principal account per credit line (kind LOAN, an asset), and the GL accounts of accrued
-- interest and penalty (receivable, assets) and of the income they earn.

-- Adds the kinds to whatever the accounts_kind_check allows by now, so that this migration removes no kind another
-- product added before it.
do $$
declare
    kinds text;
begin
    select string_agg(quote_literal(kind), ', ' order by kind) into kinds
      from (select m[1] as kind
              from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([A-Z_]+)''', 'g') as m
             where c.conname = 'accounts_kind_check' and c.conrelid = 'accounts'::regclass
            union
            select unnest(array['LOAN', 'RECEIVABLE', 'INCOME'])) as allowed;
    execute 'alter table accounts drop constraint accounts_kind_check';
    execute 'alter table accounts add constraint accounts_kind_check check (kind in (' || kinds || '))';
end
$$;

insert into accounts (id, account_number, kind, side, currency, name)
values ('00000000-0000-0000-0000-00000000ca01', 'GL-LOAN-INTEREST-RECEIVABLE', 'RECEIVABLE', 'D', 'CNY',
        'Loan interest accrued, not yet collected'),
       ('00000000-0000-0000-0000-00000000ca02', 'GL-LOAN-INTEREST-INCOME', 'INCOME', 'C', 'CNY',
        'Loan interest income'),
       ('00000000-0000-0000-0000-00000000ca03', 'GL-LOAN-PENALTY-RECEIVABLE', 'RECEIVABLE', 'D', 'CNY',
        'Loan penalty interest accrued, not yet collected'),
       ('00000000-0000-0000-0000-00000000ca04', 'GL-LOAN-PENALTY-INCOME', 'INCOME', 'C', 'CNY',
        'Loan penalty interest income');
