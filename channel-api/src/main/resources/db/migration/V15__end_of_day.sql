-- BranchLink channel-api schema, version 15: the end-of-day job (docs/cards.md, "The end-of-day job").

-- db-scheduler's table (PostgreSQL DDL of db-scheduler, db-scheduler/src/test/resources/postgresql_tables.sql,
-- with its migrations): one row per scheduled execution; a node picks a due row with an optimistic update of
-- version, so one execution runs on one node at a time.
create table scheduled_tasks (
    task_name             text                     not null,
    task_instance         text                     not null,
    task_data             bytea,
    execution_time        timestamp with time zone,
    picked                boolean                  not null,
    picked_by             text,
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  int,
    last_heartbeat        timestamp with time zone,
    version               bigint                   not null,
    priority              smallint,
    state                 text,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- The bank's business dates as the end-of-day job closed them: started when its first step ran, finished when
-- every step was done for it.
create table business_days (
    business_date  date        primary key,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz
);

-- Each step's first business date: the date it was first seen by the job, so that a step added by a release does
-- not run for the dates before it existed; done_through: the step is DONE for every date from first_date to it (dates
-- run in order, so they are done without gaps), where the next check starts looking.
create table end_of_day_steps (
    step          varchar(64) primary key,
    first_date    date        not null,
    done_through  date,
    added_at      timestamptz not null default now()
);

-- One row per business date and step once the step was tried: DONE is final, FAILED is tried again at the next check.
create table business_day_steps (
    business_date  date        not null references business_days,
    step           varchar(64) not null references end_of_day_steps,
    status         varchar(8)  not null check (status in ('DONE', 'FAILED')),
    attempts       int         not null default 1 check (attempts > 0),
    last_error     text,
    updated_at     timestamptz not null default now(),
    primary key (business_date, step)
);
