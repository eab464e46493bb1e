using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Tests.Access;

/// <summary>
/// Allow, deny and threshold cases for each rule of <see cref="AccessPolicy.Decide"/>, on a contract built in code
/// so each right's numbers are visible next to the test that leans on them.
/// </summary>
public sealed class AccessPolicyTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Polygon TerritoryArea = Box(1.0, 49.3, 1.3, 49.6);
    private static readonly Polygon AomPerimeter = Box(1.05, 49.35, 1.25, 49.55);

    private static readonly MobilityContract Contract = new()
    {
        Version = "test-1",
        EffectiveDate = new DateOnly(2026, 1, 1),
        AmendableBy = ["aom"],
        Territory = new Territory("Test", TerritoryArea),
        Zoning = new Zoning(
            [new GridZoning("grid-200m", 200), new GridZoning("grid-500m", 500), new GridZoning("grid-750m", 750), new GridZoning("grid-1000m", 1000)],
            [new ZoneSet("communes", "Communes", [new Zone("76540", "Rouen", Box(1.05, 49.40, 1.10, 49.45))])]),
        Members =
        [
            new Member { Id = "aom", Name = "AOM", Kind = MemberKind.Aom, Perimeter = AomPerimeter },
            new Member { Id = "region", Name = "Région", Kind = MemberKind.Aom },
            new Member { Id = "planner", Name = "Agence", Kind = MemberKind.Planner },
            new Member { Id = "bikes", Name = "Bikes", Kind = MemberKind.Operator },
            new Member { Id = "admin", Name = "Tiers de confiance", Kind = MemberKind.Admin },
        ],
        Feeds = [],
        Rights =
        [
            Right("aom", Products.OdFlows, RightScope.OwnPerimeter, "grid-500m", TimeSpan.FromHours(1), 10, TimeSpan.FromHours(24)),
            // k = 1 cannot come out of the loader; built here to prove the policy's own floor.
            Right("region", Products.Indicators, RightScope.Territory, "communes", TimeSpan.FromDays(1), 1, TimeSpan.Zero),
            Right("planner", Products.StopMaps, RightScope.Territory, Products.StopResolution, TimeSpan.FromHours(1), 5, TimeSpan.Zero),
            Right("bikes", Products.Availability, RightScope.Territory, "grid-500m", TimeSpan.FromHours(1), 2, TimeSpan.Zero) with { OperatorNamesVisible = true },
        ],
        Obligations = [],
    };

    private static AccessDecision Decide(AccessRequest request, MemberStanding? standing = null) =>
        AccessPolicy.Decide(Contract, standing ?? MemberStanding.Good, request, Now);

    // --- Who and what ----------------------------------------------------------------------------------------

    [Fact]
    public void Unknown_member_is_denied()
    {
        var decision = Decide(new AccessRequest("stranger", Products.OdFlows));

        Assert.False(decision.Allowed);
        Assert.Equal("unknown-member", decision.Code);
        Assert.Equal("Member 'stranger' is not a party to contract test-1.", decision.Reason);
    }

    [Fact]
    public void Unknown_product_is_denied()
    {
        var decision = Decide(new AccessRequest("aom", "raw-trips"));

        Assert.Equal((false, "unknown-product"), (decision.Allowed, decision.Code));
        Assert.Equal("There is no product 'raw-trips'.", decision.Reason);
    }

    [Fact]
    public void Member_without_a_right_to_the_product_is_denied()
    {
        var decision = Decide(new AccessRequest("planner", Products.OdFlows));

        Assert.Equal((false, "no-right"), (decision.Allowed, decision.Code));
        Assert.Equal("Member 'planner' has no right to product 'od-flows' in contract test-1.", decision.Reason);
    }

    [Fact]
    public void Member_with_the_right_is_allowed_on_its_terms()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows));

        Assert.True(decision.Allowed);
        Assert.Equal("allowed", decision.Code);
        Assert.Equal(("grid-500m", TimeSpan.FromHours(1), 10), (decision.Resolution, decision.TimeBin, decision.MinCount));
        Assert.Equal(Now - TimeSpan.FromHours(24), decision.NotAfter);
        Assert.False(decision.OperatorNamesVisible);
        Assert.Same(Contract.Rights[0], decision.Right);
    }

    [Fact]
    public void Admin_reads_every_product_at_the_finest_zoning_without_a_listed_right()
    {
        var flows = Decide(new AccessRequest("admin", Products.OdFlows));
        var reports = Decide(new AccessRequest("admin", Products.FeedReports));

        Assert.True(flows.Allowed);
        Assert.Equal(("grid-200m", 2, true), (flows.Resolution, flows.MinCount, flows.OperatorNamesVisible));
        Assert.True(flows.EffectiveArea!.EqualsTopologically(TerritoryArea));
        Assert.Equal(Products.StopResolution, reports.Resolution);
    }

    // --- Sanctions ---------------------------------------------------------------------------------------------

    [Fact]
    public void Suspended_product_is_denied_with_the_sanction_reason()
    {
        var standing = new MemberStanding(new Dictionary<string, string> { [Products.Availability] = "obligation velos-feed-available breached for 14 days" });

        var decision = Decide(new AccessRequest("bikes", Products.Availability), standing);

        Assert.Equal((false, "suspended"), (decision.Allowed, decision.Code));
        Assert.Equal("Right to 'availability' is suspended: obligation velos-feed-available breached for 14 days", decision.Reason);
    }

    [Fact]
    public void Suspension_of_another_product_leaves_this_one_allowed()
    {
        var standing = new MemberStanding(new Dictionary<string, string> { [Products.FeedReports] = "late" });

        Assert.True(Decide(new AccessRequest("bikes", Products.Availability), standing).Allowed);
    }

    // --- Resolution --------------------------------------------------------------------------------------------

    [Fact]
    public void Finer_grid_is_denied()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Resolution: "grid-200m"));

        Assert.Equal((false, "finer-than-allowed"), (decision.Allowed, decision.Code));
        Assert.Equal("Resolution 'grid-200m' is not allowed for 'od-flows': the contract grants 'grid-500m' (or a coarser grid aligned on it).", decision.Reason);
    }

    [Fact]
    public void Coarser_aligned_grid_is_allowed()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Resolution: "grid-1000m"));

        Assert.True(decision.Allowed);
        Assert.Equal("grid-1000m", decision.Resolution);
    }

    [Fact]
    public void Coarser_grid_not_aligned_on_the_granted_one_is_denied()
    {
        // 750 m cells are not unions of 500 m cells: differencing the two grids would reveal 250 m strips.
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Resolution: "grid-750m"));

        Assert.Equal((false, "finer-than-allowed"), (decision.Allowed, decision.Code));
    }

    [Fact]
    public void Zone_set_instead_of_the_granted_grid_is_denied()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Resolution: "communes"));

        Assert.Equal((false, "finer-than-allowed"), (decision.Allowed, decision.Code));
    }

    [Fact]
    public void Resolution_outside_the_contract_zoning_is_denied()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Resolution: "grid-100m"));

        Assert.Equal((false, "unknown-resolution"), (decision.Allowed, decision.Code));
        Assert.Equal("Resolution 'grid-100m' is not one of the contract's zonings.", decision.Reason);
    }

    [Fact]
    public void Stop_level_right_is_allowed_at_stop_resolution()
    {
        var decision = Decide(new AccessRequest("planner", Products.StopMaps, Resolution: Products.StopResolution));

        Assert.True(decision.Allowed);
        Assert.Equal((Products.StopResolution, 5), (decision.Resolution, decision.MinCount));
    }

    // --- Time bin ----------------------------------------------------------------------------------------------

    [Fact]
    public void Finer_time_bin_is_denied()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, TimeBin: TimeSpan.FromMinutes(15)));

        Assert.Equal((false, "finer-than-allowed"), (decision.Allowed, decision.Code));
        Assert.Equal("Time bin 00:15:00 is not allowed: 'od-flows' is published to 'aom' in multiples of 01:00:00.", decision.Reason);
    }

    [Fact]
    public void Time_bin_equal_to_the_right_is_allowed() =>
        Assert.True(Decide(new AccessRequest("aom", Products.OdFlows, TimeBin: TimeSpan.FromHours(1))).Allowed);

    [Fact]
    public void Coarser_time_bin_that_is_a_multiple_is_allowed()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, TimeBin: TimeSpan.FromDays(1)));

        Assert.True(decision.Allowed);
        Assert.Equal(TimeSpan.FromDays(1), decision.TimeBin);
    }

    [Fact]
    public void Coarser_time_bin_that_is_not_a_multiple_is_denied() =>
        Assert.Equal("finer-than-allowed", Decide(new AccessRequest("aom", Products.OdFlows, TimeBin: TimeSpan.FromMinutes(90))).Code);

    // --- Embargo ----------------------------------------------------------------------------------------------

    [Fact]
    public void Window_ending_inside_the_embargo_is_denied()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows,
            WindowStart: Now.AddDays(-3), WindowEnd: Now.AddHours(-23)));

        Assert.Equal((false, "embargo"), (decision.Allowed, decision.Code));
        Assert.Equal("Data after 2026-05-31T12:00:00.0000000+00:00 is under embargo for 'aom' (delay 1.00:00:00); the window ends at 2026-05-31T13:00:00.0000000+00:00.", decision.Reason);
    }

    [Fact]
    public void Window_ending_exactly_at_the_embargo_is_allowed() =>
        Assert.True(Decide(new AccessRequest("aom", Products.OdFlows, WindowStart: Now.AddDays(-3), WindowEnd: Now.AddHours(-24))).Allowed);

    [Fact]
    public void Window_one_tick_into_the_embargo_is_denied() =>
        Assert.Equal("embargo", Decide(new AccessRequest("aom", Products.OdFlows, WindowEnd: Now.AddHours(-24).AddTicks(1))).Code);

    [Fact]
    public void No_delay_allows_data_up_to_now()
    {
        var decision = Decide(new AccessRequest("bikes", Products.Availability, WindowStart: Now.AddHours(-1), WindowEnd: Now));

        Assert.True(decision.Allowed);
        Assert.Equal(Now, decision.NotAfter);
    }

    [Fact]
    public void Window_that_ends_before_it_starts_is_denied_even_inside_the_embargo() =>
        Assert.Equal("bad-window", Decide(new AccessRequest("aom", Products.OdFlows, WindowStart: Now, WindowEnd: Now.AddHours(-1))).Code);

    // --- Area -------------------------------------------------------------------------------------------------

    [Fact]
    public void Area_outside_the_members_perimeter_is_denied()
    {
        // Inside the territory, but east of the AOM's perimeter.
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Area: Box(1.26, 49.40, 1.29, 49.45)));

        Assert.Equal((false, "outside-scope"), (decision.Allowed, decision.Code));
        Assert.Equal("The requested area lies outside what 'aom' may read of 'od-flows' (OwnPerimeter).", decision.Reason);
    }

    [Fact]
    public void Area_touching_the_perimeter_only_along_its_border_is_denied() =>
        Assert.Equal("outside-scope", Decide(new AccessRequest("aom", Products.OdFlows, Area: Box(1.25, 49.40, 1.28, 49.45))).Code);

    [Fact]
    public void Same_area_is_allowed_for_a_territory_wide_right() =>
        Assert.True(Decide(new AccessRequest("bikes", Products.Availability, Area: Box(1.26, 49.40, 1.29, 49.45))).Allowed);

    [Fact]
    public void Area_straddling_the_perimeter_is_clipped_to_it()
    {
        var decision = Decide(new AccessRequest("aom", Products.OdFlows, Area: Box(1.20, 49.40, 1.29, 49.45)));

        Assert.True(decision.Allowed);
        Assert.True(decision.EffectiveArea!.EqualsTopologically(Box(1.20, 49.40, 1.25, 49.45)));
    }

    [Fact]
    public void No_area_means_the_whole_scope()
    {
        Assert.True(Decide(new AccessRequest("aom", Products.OdFlows)).EffectiveArea!.EqualsTopologically(AomPerimeter));
        Assert.True(Decide(new AccessRequest("bikes", Products.Availability)).EffectiveArea!.EqualsTopologically(TerritoryArea));
    }

    [Fact]
    public void Own_perimeter_of_a_member_without_one_is_the_territory()
    {
        var contract = Contract with { Rights = [Right("region", Products.OdFlows, RightScope.OwnPerimeter, "communes", TimeSpan.FromDays(1), 10, TimeSpan.Zero)] };

        var decision = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest("region", Products.OdFlows), Now);

        Assert.True(decision.EffectiveArea!.EqualsTopologically(TerritoryArea));
    }

    // --- k-anonymity ---------------------------------------------------------------------------------------------

    [Fact]
    public void Min_count_below_two_is_raised_to_the_floor()
    {
        var decision = Decide(new AccessRequest("region", Products.Indicators));

        Assert.True(decision.Allowed);
        Assert.Equal(AccessPolicy.AbsoluteMinCount, decision.MinCount);
        Assert.Equal(2, decision.MinCount);
    }

    [Fact]
    public void Min_count_above_the_floor_is_kept() =>
        Assert.Equal(10, Decide(new AccessRequest("aom", Products.OdFlows)).MinCount);

    [Fact]
    public void Operator_names_follow_the_right() =>
        Assert.True(Decide(new AccessRequest("bikes", Products.Availability)).OperatorNamesVisible);

    [Fact]
    public void Decision_is_the_same_for_the_same_inputs()
    {
        var request = new AccessRequest("aom", Products.OdFlows, Area: Box(1.20, 49.40, 1.29, 49.45), Resolution: "grid-1000m");

        var first = Decide(request);
        var second = Decide(request);

        Assert.Equal((first.Allowed, first.Code, first.Reason, first.NotAfter), (second.Allowed, second.Code, second.Reason, second.NotAfter));
        Assert.True(first.EffectiveArea!.EqualsExact(second.EffectiveArea));
    }

    private static Right Right(string member, string product, RightScope scope, string resolution, TimeSpan timeBin, int minCount, TimeSpan delay) => new()
    {
        MemberId = member,
        Product = product,
        Scope = scope,
        Resolution = resolution,
        TimeBin = timeBin,
        MinCount = minCount,
        Delay = delay,
        OperatorNamesVisible = false,
    };

    private static Polygon Box(double minX, double minY, double maxX, double maxY) =>
        Wgs84.CreatePolygon([new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)]);
}
