-- BranchLink channel-api schema, version 12: several channel-api nodes each keep the risk engine's whole state in
-- memory and follow the other nodes' changes by tailing the tables. Events carry when they were inserted, for the
-- tail's lag and for the gaps a node looks for at start; every placement and release of a hold is numbered in a
-- change log, so that a node reads the holds changed since the last change it applied.

alter table risk_events add column recorded_at timestamptz not null default now();

create table risk_hold_changes (
    seq         bigserial    primary key,
    hold_id     uuid         not null references risk_holds on delete cascade,
    changed_at  timestamptz  not null default now()
);

create function risk_hold_changed() returns trigger language plpgsql as $$
begin
    insert into risk_hold_changes (hold_id) values (new.id);
    return null;
end
$$;

create trigger risk_hold_changed after insert or update on risk_holds
    for each row execute function risk_hold_changed();
