-- Staging on arrival: where each branch is (a circle: centre and radius in metres), the queue tickets issued per
-- branch and business day, and the feed's TICKET events that tell a branch's hub about them.

alter table branches
    add column latitude      double precision check (latitude between -90 and 90),
    add column longitude     double precision check (longitude between -180 and 180),
    add column radius_metres integer          check (radius_metres between 10 and 5000),
    add constraint branches_location_whole
        check ((latitude is null) = (longitude is null) and (latitude is null) = (radius_metres is null));

-- The last number issued per branch and business day; an upsert takes the next one under the row's lock, so
-- numbers are unique whichever node issues them and survive restarts.
create table queue_ticket_counters (
    branch_id      varchar(16) not null references branches,
    business_date  date        not null,
    last_number    integer     not null check (last_number > 0),
    primary key (branch_id, business_date)
);

create table queue_tickets (
    id             uuid        primary key,
    branch_id      varchar(16) not null references branches,
    business_date  date        not null,
    number         integer     not null check (number > 0),
    customer_id    uuid        not null references customers,
    source         varchar(16) not null check (source in ('LOCATION', 'REMOTE', 'MACHINE')),
    device_id      varchar(16),
    forms_staged   integer     not null default 0 check (forms_staged >= 0),
    issued_at      timestamptz not null,
    unique (branch_id, business_date, number),
    -- one ticket per customer per branch per business day: taking another answers this one
    unique (customer_id, branch_id, business_date)
);

alter table form_staging_events drop constraint form_staging_events_kind_check;
alter table form_staging_events add constraint form_staging_events_kind_check
    check (kind in ('STAGED', 'WITHDRAWN', 'TICKET'));
alter table form_staging_events add column ticket jsonb;
alter table form_staging_events add constraint form_staging_events_ticket_present
    check (kind <> 'TICKET' or ticket is not null);
