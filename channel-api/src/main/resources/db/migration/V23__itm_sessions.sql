-- ITM-shown session codes (docs/protocols/qr-token.md, ITM_SESSION): the hub asks for one code per idle ITM, the
-- ITM shows it, a phone scans and claims it. The code's text is never stored: the row keeps the session id (the
-- token id the code carries), its terminal and its status. A claim records what the phone asked for, the cardless
-- token it created (bound to the same terminal) and the feed sequence number the hub reads it under.
create table itm_sessions (
    session_id    char(32)    primary key,
    branch_id     varchar(16) not null references branches,
    terminal_id   varchar(8)  not null references terminals,
    key_id        varchar(16) not null,
    expires_at    timestamptz not null,
    status        varchar(16) not null check (status in ('OPEN', 'CLAIMED')),
    kind          varchar(16) check (kind in ('WITHDRAWAL', 'DEPOSIT')),
    customer_id   uuid        references customers,
    account_id    uuid        references accounts,
    amount        bigint,
    currency      char(3),
    token_id      char(32)    references cardless_tokens,
    request_id    varchar(64),
    request_hash  char(64),
    feed_seq      bigint      unique,
    created_at    timestamptz not null default now(),
    claimed_at    timestamptz,
    check (status = 'OPEN' or (kind is not null and customer_id is not null and request_id is not null)),
    unique (customer_id, request_id)
);
create sequence itm_session_feed_seq;
create index itm_sessions_feed on itm_sessions (branch_id, feed_seq) where feed_seq is not null;
create index itm_sessions_open on itm_sessions (expires_at) where status = 'OPEN';

-- A cardless token created by an ITM session claim may be redeemed at that terminal only.
alter table cardless_tokens add column terminal_id varchar(8) references terminals;
