-- Accounts the system itself needs: a suspense account for cardless exceptions that need reconciliation, and
-- the equity account that opening balances are booked against.
insert into accounts (id, account_number, kind, side, currency, name)
values ('00000000-0000-0000-0000-00000000e001', 'SUSPENSE-CARDLESS', 'SUSPENSE', 'D', 'CNY',
        'Cardless exceptions awaiting reconciliation'),
       ('00000000-0000-0000-0000-00000000e002', 'EQUITY-OPENING', 'EQUITY', 'C', 'CNY',
        'Opening balances and cash loaded from the vault');
