-- BranchLink channel-api schema, version 5: the risk engine. Completed actions are the durable log its in-memory
-- feature state is rebuilt from at start; every decision is kept with its inputs and reasons; branch positions
-- give the distance between a customer's phone and the branch of the ITM.

create table risk_events (
    seq           bigserial        primary key,
    occurred_at   timestamptz      not null,
    action        varchar(32)      not null,
    channel       varchar(16)      not null,
    customer_id   uuid             not null,
    device_id     varchar(64),
    account_id    uuid,
    amount_minor  bigint,
    currency      char(3),
    counterparty  varchar(64),
    branch_id     varchar(16),
    latitude      double precision,
    longitude     double precision,
    check ((amount_minor is null) = (currency is null)),
    check ((latitude is null) = (longitude is null))
);
-- the replay at start reads the last 90 days in order
create index risk_events_occurred_at on risk_events (occurred_at, seq);

create table risk_decisions (
    id           uuid         primary key,
    decided_at   timestamptz  not null,
    customer_id  uuid         not null,
    action       varchar(32)  not null,
    outcome      varchar(8)   not null check (outcome in ('ALLOW', 'STEP_UP', 'DENY')),
    trusted      boolean      not null,
    -- the acceptable second factors of a STEP_UP, comma-separated; empty otherwise
    factors      text         not null,
    -- [{ruleId, description, features: {name: value}}], the deciding rule first
    reasons      jsonb        not null,
    -- a summary of the request: action, channel, device, account, amount, counterparty, branch, rounded position
    inputs       jsonb        not null,
    rule_set     varchar(12)  not null
);
create index risk_decisions_customer on risk_decisions (customer_id, decided_at desc);

create table risk_branch_positions (
    branch_id  varchar(16)      primary key references branches,
    latitude   double precision not null check (latitude between -90 and 90),
    longitude  double precision not null check (longitude between -180 and 180)
);
