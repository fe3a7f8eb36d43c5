import { graphql } from '../../gql';

// The control schedules page's GraphQL operations.

export const scheduleFields = graphql(`
  fragment ScheduleFields on ControlSchedule {
    id
    name
    action
    atMinute
    weekdays
    enabled
    meterIds
    createdAt
    site {
      id
      name
    }
    building {
      id
      name
    }
  }
`);

export const schedulesQuery = graphql(`
  query ControlSchedules($siteId: ID) {
    controlSchedules(siteId: $siteId) {
      ...ScheduleFields
    }
    sites {
      id
      name
    }
  }
`);

export const scheduleBuildingsQuery = graphql(`
  query ScheduleBuildings($siteId: ID!) {
    buildings(filter: { siteId: $siteId }, first: 1000) {
      nodes {
        id
        name
      }
    }
  }
`);

export const scheduleMetersQuery = graphql(`
  query ScheduleMeters($filter: MeterFilter) {
    meters(filter: $filter, first: 30) {
      nodes {
        id
        address
        room
      }
    }
  }
`);

export const createScheduleMutation = graphql(`
  mutation CreateControlSchedule($input: ControlScheduleInput!) {
    createControlSchedule(input: $input) {
      ...ScheduleFields
    }
  }
`);

export const updateScheduleMutation = graphql(`
  mutation UpdateControlSchedule($id: ID!, $input: ControlScheduleInput!) {
    updateControlSchedule(id: $id, input: $input) {
      ...ScheduleFields
    }
  }
`);

export const deleteScheduleMutation = graphql(`
  mutation DeleteControlSchedule($id: ID!) {
    deleteControlSchedule(id: $id)
  }
`);
