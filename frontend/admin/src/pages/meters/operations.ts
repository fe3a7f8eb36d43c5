import { graphql } from '../../gql';

// The meters console's operations. A list row carries what the table shows; the drawer asks
// for one meter's details when opened.

export const metersQuery = graphql(`
  query MetersConsole($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        address
        channel
        floor
        room
        model
        online
        relay
        controlMode
        displayStatus
        lastEnergyWh
        lastReadAt
        building {
          id
          name
        }
        account {
          id
          tenantName
          shopNo
        }
      }
    }
  }
`);

export const meterPlacesQuery = graphql(`
  query MeterPlaces {
    sites {
      id
      name
    }
    buildings(first: 1000) {
      nodes {
        id
        name
        site {
          id
        }
      }
    }
  }
`);

export const buildingMetersQuery = graphql(`
  query BuildingMeterCount($buildingId: ID!) {
    meters(filter: { buildingId: $buildingId, status: active }, first: 0) {
      totalCount
    }
  }
`);

export const controlMetersMutation = graphql(`
  mutation ControlMetersBatch($input: ControlMetersInput!) {
    controlMeters(input: $input) {
      batchKey
      results {
        meterId
        meter {
          id
          address
          room
        }
        command {
          id
          state
          lastError
        }
        error
        code
      }
    }
  }
`);

export const readMetersMutation = graphql(`
  mutation ReadMetersNow($meterIds: [ID!], $buildingId: ID) {
    readMeters(meterIds: $meterIds, buildingId: $buildingId) {
      readings {
        meter {
          id
        }
      }
      errors
    }
  }
`);

export const commandProgressSubscription = graphql(`
  subscription MetersCommandProgress($batchKey: String) {
    commandProgress(batchKey: $batchKey) {
      id
      state
      lastError
      attempts
      meter {
        id
      }
    }
  }
`);

export const meterDetailQuery = graphql(`
  query MeterDetail($id: ID!) {
    meter(id: $id) {
      id
      address
      channel
      model
      phases
      protocol
      floor
      room
      ctRatio
      prepaidMode
      relay
      controlMode
      online
      displayStatus
      lastEnergyWh
      lastReadAt
      balanceFen
      building {
        id
        name
      }
      gateway {
        id
        name
      }
      tariff {
        id
        name
      }
      account {
        id
        tenantName
        shopNo
        balanceFen
      }
      latestReading {
        readAt
        energyWh
        sharpWh
        peakWh
        flatWh
        valleyWh
        reverseWh
        voltageDv
        currentMa
        powerW
        powerFactorMilli
        frequencyChz
        relay
      }
      commands(first: 10) {
        totalCount
        nodes {
          id
          kind
          state
          attempts
          lastError
          createdBy
          createdAt
          doneAt
        }
      }
      activeAlarms {
        id
        kind
        message
        raisedAt
      }
    }
  }
`);

/** The list's query key: a batch's progress refreshes it. */
export const metersKey = ['meters-console'] as const;

export const batchCommandsQuery = graphql(`
  query BatchCommands($kind: CommandKind!, $first: Int!) {
    commands(filter: { kind: $kind }, first: $first) {
      nodes {
        id
        state
        lastError
      }
    }
  }
`);
