using DataGouvTerr.Domain.Mds.Simulation;

namespace DataGouvTerr.Domain.Demo;

/// <summary>
/// One fictional MDS operator of the demo: the contract member and feed it belongs to, its provider id, its fleet
/// and how busy each vehicle is. The figures are assumptions stated in the README ("Demo data"), not observations.
/// </summary>
public sealed record DemoOperator(
    string MemberId,
    string FeedId,
    Guid ProviderId,
    string VehicleType,
    IReadOnlyList<string> PropulsionTypes,
    string VehicleIdPrefix,
    int MaximumSpeedKph,
    int FleetSize,
    double TripsPerVehiclePerWeekday,
    IReadOnlyList<Hotspot> Hotspots);

/// <summary>One operator's simulated fortnight: its fleet, vehicle events, telemetry and trips, each in time order.</summary>
public sealed record DemoOperatorData(DemoOperator Operator, MdsSimulation Simulation);
