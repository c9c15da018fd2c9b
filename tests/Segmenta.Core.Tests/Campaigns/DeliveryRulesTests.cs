using Segmenta.Core.Campaigns;
using Segmenta.Core.Segments;

namespace Segmenta.Core.Tests.Campaigns;

public sealed class DeliveryRulesTests
{
    [Fact]
    public void QuietHours_WrapPastMidnight()
    {
        var quiet = new QuietHours(21, 8);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 21, 22, 23], Enumerable.Range(0, 24).Where(quiet.Contains));
        Assert.DoesNotContain(Enumerable.Range(0, 24), new QuietHours(9, 9).Contains);
        Assert.Equal([9, 10, 11], Enumerable.Range(0, 24).Where(new QuietHours(9, 12).Contains));
    }

    [Theory]
    [InlineData("2025-03-07 10:20", null, "2025-03-07 10:20")] // no preference, not quiet: now
    [InlineData("2025-03-07 23:10", null, "2025-03-08 08:00")] // quiet: the end of the quiet period
    [InlineData("2025-03-07 03:00", null, "2025-03-07 08:00")]
    [InlineData("2025-03-07 10:20", 19, "2025-03-07 19:00")] // later today at the preferred hour
    [InlineData("2025-03-07 19:40", 19, "2025-03-07 19:40")] // within the preferred hour: now
    [InlineData("2025-03-07 20:00", 12, "2025-03-08 12:00")] // the hour has passed: tomorrow
    [InlineData("2025-03-07 10:00", 22, "2025-03-08 08:00")] // preferred hour is quiet: end of that quiet period
    public void Due_HandCases(string now, int? preferred, string expected)
    {
        static DateTime T(string s) => DateTime.ParseExact(s, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(T(expected), SendTimePlanner.Due(T(now), preferred, new QuietHours(21, 8)));
    }

    [Fact]
    public void MostActiveHour_SmoothedModeAndFallbacks()
    {
        var counts = new long[24];
        Assert.Null(SendTimePlanner.MostActiveHour(counts));
        // raw mode 13 (3 visits) but the habit is 19 with scatter at 18 and 20: 2+2·2+2 = 8 beats 1+2·3+0 = 7
        counts[12] = 1; counts[13] = 3; counts[18] = 2; counts[19] = 2; counts[20] = 2;
        Assert.Equal(19, SendTimePlanner.MostActiveHour(counts));
        // wraps around midnight: 23, 0, 1 → 0
        var late = new long[24];
        late[23] = 2; late[0] = 2; late[1] = 2;
        Assert.Equal(0, SendTimePlanner.MostActiveHour(late));
        Assert.Null(SendTimePlanner.MostActiveHour(late, minimumActivity: 7));
    }

    [Fact]
    public void WebhookSignature_Rfc4231TestCase2()
    {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?"
        const string expected = "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        Assert.Equal(expected, WebhookSignature.Sign("Jefe", "what do ya want for nothing?"));
        Assert.True(WebhookSignature.Verify("Jefe", "what do ya want for nothing?", expected));
        Assert.False(WebhookSignature.Verify("Jefe", "what do ya want for nothing!", expected));
    }

    [Fact]
    public void RetryPolicy_DoublesFromTheBase()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(250));
        Assert.Equal([250, 500, 1000, 2000], Enumerable.Range(1, 4).Select(k => policy.DelayAfter(k).TotalMilliseconds));
    }

    [Fact]
    public void Template_UnknownFieldIsAnError_KnownFieldsRender()
    {
        var e = Assert.Throws<SegmentaInputException>(() => MessageTemplate.Validate("Hi {{name}}", "body"));
        Assert.StartsWith("body: unknown field '{{name}}' at character 4", e.Message, StringComparison.Ordinal);
        Assert.Equal("Hi c1, use K-7", MessageTemplate.Render("Hi {{customer_id}}, use {{ coupon_code }}", new Dictionary<string, string?> { ["customer_id"] = "c1", ["coupon_code"] = "K-7" }));
        Assert.Equal("spring|c000123|2025-03-07", MessageTemplate.IdempotencyKey("spring", "c000123", new DateOnly(2025, 3, 7)));
    }

    [Fact]
    public void Campaign_BadInputs_ClearErrors()
    {
        string[] segments = ["vip", "new"];
        var ok = new CampaignDefinition { Id = "c", Channel = CampaignChannel.Csv, Body = "hi" };
        var unknown = Assert.Throws<SegmentaInputException>(() => (ok with { Where = "recnecy > 3" }).Validate(segments, FieldCatalog.Default));
        Assert.StartsWith("campaign c: audience condition: unknown field 'recnecy' at column 1; did you mean 'recency'?", unknown.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<SegmentaInputException>(() => (ok with
        {
            Schedule = "trigger", Trigger = new CampaignTrigger { Kind = TriggerKind.CartAbandoned, Hours = -4 },
        }).Validate(segments, FieldCatalog.Default));
        Assert.Equal("trigger cart_abandoned: delay -4 hours is negative; use 0 or more", negative.Message);
        Assert.Throws<SegmentaInputException>(() => (ok with { Segment = "vipp" }).Validate(segments, FieldCatalog.Default));
        Assert.Throws<SegmentaInputException>(() => (ok with { Channel = CampaignChannel.Webhook }).Validate(segments, FieldCatalog.Default));
        Assert.Equal("consent_sms", ok.ConsentColumn);
        Assert.Equal("consent_email", (ok with { Channel = CampaignChannel.Webhook }).ConsentColumn);
    }
}
