using System.Globalization;

namespace Segmenta.Engine.Simulation;

/// <summary>
/// One simulation run: owns the open CSV files and the counters, and simulates person after person.
/// Every person draws from its own random stream, so results do not depend on processing order.
/// </summary>
internal sealed class ShopRun : IDisposable
{
    private const double SecondsPerDay = 86400.0;
    private const int MaxViews = 24;

    private static readonly string[] Devices = ["mobile", "desktop", "tablet"];
    private static readonly string[] Channels = ["organic", "paid_search", "social", "email", "referral", "direct"];
    private static readonly double[] ChannelCumulative = Cumulative([0.28, 0.20, 0.17, 0.05, 0.10, 0.20]);
    private static readonly string?[] Genders = ["female", "male", "diverse", null];
    private static readonly double[] GenderCumulative = Cumulative([0.50, 0.44, 0.02, 0.04]);
    private static readonly string[] AgeGroups = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    private static readonly double[] AgeCumulative = Cumulative([0.14, 0.27, 0.23, 0.17, 0.12, 0.07]);
    private static readonly string[] Countries = ["DE", "AT", "CH", "NL", "FR"];
    private static readonly string[] PhonePrefixes = ["+49155", "+43660", "+41750", "+31640", "+33700"];
    private static readonly double[] CountryCumulative = Cumulative([0.55, 0.15, 0.12, 0.10, 0.08]);
    private static readonly string[][] Regions =
    [
        ["Bavaria", "Berlin", "Hamburg", "North Rhine-Westphalia", "Hesse", "Saxony"],
        ["Vienna", "Tyrol", "Styria"],
        ["Zurich", "Geneva", "Bern"],
        ["North Holland", "South Holland", "Utrecht"],
        ["Ile-de-France", "Provence", "Brittany"],
    ];
    private static readonly string[] CouponCodes = ["SAVE10", "FLASH15", "VIP20"];
    private static readonly int[] CouponPercent = [10, 15, 20];
    private static readonly double[] CouponCumulative = Cumulative([0.5, 0.3, 0.2]);
    private const string WelcomeCode = "WELCOME10";
    private const int WelcomePercent = 10;
    private static readonly string[] SocialReferrers = ["https://www.instagram.com/", "https://www.facebook.com/", "https://www.tiktok.com/"];

    private readonly SimulationOptions _o;
    private readonly Catalog _catalog;
    private readonly List<Campaign> _campaigns;
    private readonly CsvOutput _customers;
    private readonly CsvOutput _orders;
    private readonly CsvOutput _events;
    private readonly CsvOutput _truth;
    private readonly int _startDow;
    private readonly long _endSeconds;
    private readonly int _customerDigits;
    private readonly uint _anonKey;
    private readonly string[] _categoryUrls;
    private readonly string[] _couponUrls;
    private readonly string _welcomeUrl;

    // Per-person scratch state (persons are simulated one at a time).
    private readonly List<PlannedSession> _plan = new(512);
    private readonly List<PlannedMessage> _messages = new(64);
    private readonly double[] _taste;
    private readonly int[] _viewed = new int[MaxViews];
    private readonly int[] _lineProducts = new int[16];
    private readonly int[] _lineQuantities = new int[16];
    private SimRandom _rng = null!;
    private CustomerTypeProfile? _type;
    private long _customerNumber;
    private uint _anonId;
    private double _priceSensitivity;
    private int _preferredHour;
    private int _device;
    private int _acquisition;
    private double _lastClickTime;
    private int _lastClickCampaign;
    private int _purchasesInPeriod;

    // Session context used by Event().
    private bool _sCustomer;
    private bool _sAnon;
    private string _sDevice = "";
    private string _sChannel = "";
    private string? _sReferrer;
    private string? _sCampaign;

    public ShopRun(SimulationOptions options, Catalog catalog, string customersPath, string ordersPath, string eventsPath, string truthPath)
    {
        _o = options;
        _catalog = catalog;
        var start = options.Start.Date;
        _startDow = ((int)start.DayOfWeek + 6) % 7;
        _endSeconds = options.Days * 86400L;
        _customerDigits = Math.Max(6, options.Customers.ToString(CultureInfo.InvariantCulture).Length);
        _anonKey = (uint)options.Seed * 0x27D4EB2Fu + 0x165667B1u;
        _taste = new double[catalog.CategoryCount];
        _categoryUrls = new string[catalog.CategoryCount];
        for (var c = 0; c < _categoryUrls.Length; c++)
        {
            _categoryUrls[c] = "/c/" + catalog.CategorySlugs[c];
        }
        _couponUrls = new string[CouponCodes.Length];
        for (var k = 0; k < CouponCodes.Length; k++)
        {
            _couponUrls[k] = "/cart?coupon=" + CouponCodes[k];
        }
        _welcomeUrl = "/cart?coupon=" + WelcomeCode;
        _campaigns = CreateCampaigns(options, catalog);
        _customers = new CsvOutput(customersPath, start, options.Days);
        _orders = new CsvOutput(ordersPath, start, options.Days);
        _events = new CsvOutput(eventsPath, start, options.Days);
        _truth = new CsvOutput(truthPath, start, options.Days);
        _customers.Header("customer_id,email,phone,signup_at,gender,age_group,country,region,channel,consent_email,consent_sms,consent_push");
        _orders.Header("order_id,customer_id,ordered_at,product_id,category,quantity,unit_price,coupon_code,campaign_id,status");
        _events.Header("event_id,customer_id,anonymous_id,event_type,occurred_at,page_url,referrer,device,channel,campaign,product_id,category,value,order_id");
        _truth.Header("person_id,is_customer,type,purchase_rate_per_day,dropout_per_purchase,price_sensitivity,preferred_hour,device,channel,favourite_category,coupon_uplift,alive_at_end,true_purchase_probability_7d,true_expected_purchases_30d,anonymous_id,signup_at,session_rate_per_day,session_conversion,effective_purchase_rate_per_day,purchases_in_period");
    }

    public long Sessions { get; private set; }

    public long Orders { get; private set; }

    public long OrderLines => _orders.Rows;

    public long Events => _events.Rows;

    public long RevenueCents { get; private set; }

    public long NetRevenueCents { get; private set; }

    private static double[] Cumulative(double[] weights)
    {
        var result = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            result[i] = total;
        }
        return result;
    }

    private static List<Campaign> CreateCampaigns(SimulationOptions o, Catalog catalog)
    {
        string[] names =
        [
            "cmp_newyear", "cmp_valentine", "cmp_spring", "cmp_easter", "cmp_mayday", "cmp_summer",
            "cmp_summer_sale", "cmp_backtoschool", "cmp_autumn", "cmp_halloween", "cmp_blackfriday", "cmp_xmas",
        ];
        var rng = new SimRandom(o.Seed, 0, 200);
        var list = new List<Campaign>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var start = o.Start.Date;
        // One campaign per calendar month, sent on the 5th at 09:00 UTC (the first one may fall before day 0 and is skipped).
        var month = new DateTime(start.Year, start.Month, 5, 9, 0, 0, DateTimeKind.Utc);
        for (; (month - start).TotalDays < o.Days; month = month.AddMonths(1))
        {
            var sendDay = (month - start).TotalDays;
            if (sendDay < 0)
            {
                continue;
            }
            var id = names[month.Month - 1];
            if (!used.Add(id))
            {
                id += "_" + month.Year.ToString(CultureInfo.InvariantCulture);
                used.Add(id);
            }
            var category = rng.Next(catalog.CategoryCount);
            var url = "/c/" + catalog.CategorySlugs[category] + "?utm_source=newsletter&utm_medium=email&utm_campaign=" + id;
            list.Add(new Campaign(id, sendDay, category, url));
        }
        return list;
    }

    private int Dow(int day) => ((_startDow + day) % 7 + 7) % 7;

    private uint AnonymousId(long index)
    {
        var x = (uint)index ^ _anonKey;
        x *= 0x9E3779B1u;
        x ^= x >> 16;
        x *= 0x85EBCA6Bu;
        x ^= x >> 13;
        x *= 0xC2B2AE35u;
        x ^= x >> 16;
        return x;
    }

    /// <summary>A time of day (fraction of a day) clustered around the person's preferred hour.</summary>
    private double TimeOfDay()
    {
        int hour;
        if (_rng.Chance(0.95))
        {
            hour = ((_preferredHour + (int)Math.Round(_rng.Normal() * 0.9)) % 24 + 24) % 24;
        }
        else
        {
            hour = _rng.Next(24);
        }
        return (hour * 3600 + _rng.Next(3600)) / SecondsPerDay;
    }

    private void DrawTaste()
    {
        // Dirichlet-like taste: Gamma(0.3) noise around category popularity, plus a strong favourite.
        var pop = _catalog.CategoryPopularity;
        var total = 0.0;
        for (var c = 0; c < _taste.Length; c++)
        {
            total += pop[c];
            _taste[c] = total;
        }
        var favourite = _rng.FromCumulative(_taste);
        var sum = 0.0;
        for (var c = 0; c < _taste.Length; c++)
        {
            var w = _rng.Gamma(0.3, 1.0) * pop[c];
            _taste[c] = w;
            sum += w;
        }
        var max = 0;
        _taste[favourite] += sum + 1e-9;
        total = 0.0;
        for (var c = 0; c < _taste.Length; c++)
        {
            if (_taste[c] > _taste[max])
            {
                max = c;
            }
            total += _taste[c];
            _taste[c] = total;
        }
        FavouriteCategory = max;
    }

    private int FavouriteCategory { get; set; }

    private int PickProduct() => _catalog.PickProduct(_rng, _rng.FromCumulative(_taste), _priceSensitivity);

    private int SessionDevice() => _rng.Chance(0.85) ? _device : _rng.Next(Devices.Length);

    private int SessionChannel()
    {
        var x = _rng.NextDouble();
        return x < 0.35 ? 5 : x < 0.6 ? 0 : x < 0.85 ? _acquisition : x < 0.92 ? 1 : x < 0.97 ? 2 : 4;
    }

    private void SetSession(int channel, int device, string? campaign)
    {
        _sDevice = Devices[device];
        _sChannel = Channels[channel];
        _sCampaign = campaign;
        _sReferrer = channel switch
        {
            0 => _rng.Chance(0.85) ? "https://www.google.com/" : "https://www.bing.com/",
            1 => "https://www.google.com/",
            2 => SocialReferrers[_rng.Next(SocialReferrers.Length)],
            4 => "https://blog.example.org/best-deals",
            _ => null,
        };
        if (campaign is null)
        {
            _sCampaign = channel switch
            {
                1 => "sem_brand",
                2 => "social_ads",
                _ => null,
            };
        }
    }

    /// <summary>Writes one events.csv row in the current session context.</summary>
    private void Event(string type, long t, string? url, int product, int category, long valueCents, long order)
    {
        var e = _events;
        e.Integer(_events.Rows + 1);
        if (_sCustomer)
        {
            e.Id('c', _customerNumber, _customerDigits);
        }
        else
        {
            e.Empty();
        }
        if (_sAnon)
        {
            e.Hex('a', _anonId);
        }
        else
        {
            e.Empty();
        }
        e.Text(type);
        e.Timestamp(t);
        if (url is null && product >= 0)
        {
            e.PathId("/p/", 'p', product + 1, _catalog.IdDigits);
        }
        else
        {
            e.Text(url);
        }
        e.Text(_sReferrer);
        _sReferrer = null;
        e.Text(_sDevice);
        e.Text(_sChannel);
        e.Text(_sCampaign);
        if (product >= 0)
        {
            e.Id('p', product + 1, _catalog.IdDigits);
            category = _catalog.ProductCategory[product];
        }
        else
        {
            e.Empty();
        }
        e.Text(category >= 0 ? _catalog.CategoryNames[category] : null);
        if (valueCents >= 0)
        {
            e.Cents(valueCents);
        }
        else
        {
            e.Empty();
        }
        if (order > 0)
        {
            e.Id('o', order, 7);
        }
        else
        {
            e.Empty();
        }
        e.EndRow();
    }

    private long Step(long t) => t + 5 + (long)_rng.Exponential(40);

    /// <summary>
    /// Emits one session. Returns true when an order was written. Events at or after the end of the
    /// period are cut off (a purchase cut off this way does not happen inside the period).
    /// </summary>
    private bool EmitSession(double time, byte kind, bool offered, bool converts, int campaign, double cartProbability, double meanViews, double extraLines, int channel = -1)
    {
        var t = (long)(time * SecondsPerDay);
        if (t >= _endSeconds)
        {
            return false;
        }
        Sessions++;
        var end = _endSeconds;
        var isSignup = kind == 1;
        var isCustomer = _type is not null;
        _sCustomer = isCustomer && !isSignup;
        _sAnon = !isCustomer || isSignup || _rng.Chance(0.6);
        var device = SessionDevice();
        var couponIndex = _rng.FromCumulative(CouponCumulative);
        if (kind == 2)
        {
            SetSession(3, device, _campaigns[campaign].Id);
            Event("message_click", t, _campaigns[campaign].LandingUrl, -1, _campaigns[campaign].Category, -1, 0);
            t = Step(t);
            if (t >= end)
            {
                return false;
            }
            _sReferrer = null;
            Event("page_view", t, _campaigns[campaign].LandingUrl, -1, _campaigns[campaign].Category, -1, 0);
        }
        else
        {
            SetSession(channel >= 0 ? channel : isSignup ? _acquisition : SessionChannel(), device, null);
            if (_rng.Chance(0.4))
            {
                Event("page_view", t, "/", -1, -1, -1, 0);
            }
            else
            {
                var c = _rng.FromCumulative(_taste);
                Event("page_view", t, _categoryUrls[c], -1, c, -1, 0);
            }
        }
        if (offered)
        {
            t = Step(t);
            if (t >= end)
            {
                return false;
            }
            Event("coupon_applied", t, isSignup ? _welcomeUrl : _couponUrls[couponIndex], -1, -1, (isSignup ? WelcomePercent : CouponPercent[couponIndex]) * 100L, 0);
        }
        var views = Math.Min(MaxViews, _rng.Poisson(meanViews));
        if (converts && views == 0)
        {
            views = 1;
        }
        for (var v = 0; v < views; v++)
        {
            t = Step(t);
            if (t >= end)
            {
                return false;
            }
            var p = PickProduct();
            _viewed[v] = p;
            Event("product_view", t, null, p, -1, -1, 0);
        }
        if (isSignup)
        {
            t = Step(t);
            if (t >= end)
            {
                return false;
            }
            _sCustomer = true;
            Event("signup", t, "/signup", -1, -1, -1, 0);
        }
        if (!converts)
        {
            if (views == 0 || !_rng.Chance(cartProbability))
            {
                return false;
            }
            var adds = Math.Min(views, 1 + _rng.Poisson(0.3));
            long cart = 0;
            for (var a = 0; a < adds; a++)
            {
                t = Step(t);
                if (t >= end)
                {
                    return false;
                }
                var price = _catalog.ProductPriceCents[_viewed[a]];
                cart += price;
                Event("add_to_cart", t, null, _viewed[a], -1, price, 0);
            }
            if (_rng.Chance(0.2))
            {
                t = Step(t);
                if (t >= end)
                {
                    return false;
                }
                var price = _catalog.ProductPriceCents[_viewed[0]];
                cart -= price;
                Event("remove_from_cart", t, "/cart", _viewed[0], -1, price, 0);
            }
            if (cart > 0 && _rng.Chance(0.3))
            {
                t = Step(t);
                if (t < end)
                {
                    Event("begin_checkout", t, "/checkout", -1, -1, cart, 0);
                }
            }
            return false;
        }

        // Converting session: basket lines from the viewed products (distinct), then checkout and purchase.
        var wanted = Math.Min(8, 1 + _rng.Poisson(extraLines));
        var lines = 0;
        for (var attempt = 0; lines < wanted && attempt < wanted * 3; attempt++)
        {
            var product = attempt < views ? _viewed[attempt] : PickProduct();
            var duplicate = false;
            for (var k = 0; k < lines; k++)
            {
                duplicate |= _lineProducts[k] == product;
            }
            if (duplicate)
            {
                continue;
            }
            _lineProducts[lines] = product;
            var q = _rng.NextDouble();
            _lineQuantities[lines] = q < 0.8 ? 1 : q < 0.95 ? 2 : 3;
            lines++;
        }
        var percent = offered ? (isSignup ? WelcomePercent : CouponPercent[couponIndex]) : 0;
        long total = 0;
        for (var k = 0; k < lines; k++)
        {
            t = Step(t);
            if (t >= end)
            {
                return false;
            }
            var unit = _catalog.ProductPriceCents[_lineProducts[k]] * (100 - percent) / 100;
            total += unit * _lineQuantities[k];
            Event("add_to_cart", t, null, _lineProducts[k], -1, unit * _lineQuantities[k], 0);
        }
        if (_rng.Chance(0.1))
        {
            var extra = PickProduct();
            var price = _catalog.ProductPriceCents[extra];
            t = Step(t);
            var t2 = Step(t);
            if (t2 >= end)
            {
                return false;
            }
            Event("add_to_cart", t, null, extra, -1, price, 0);
            Event("remove_from_cart", t2, "/cart", extra, -1, price, 0);
            t = t2;
        }
        t = Step(t);
        var tPurchase = Step(t) + 30;
        if (tPurchase >= end)
        {
            return false;
        }
        Event("begin_checkout", t, "/checkout", -1, -1, total, 0);
        var order = ++Orders;
        Event("purchase", tPurchase, "/checkout/complete", -1, -1, total, order);
        _purchasesInPeriod++;
        RevenueCents += total;
        var s = _rng.NextDouble();
        var status = s < _o.CancelRate ? "cancelled" : s < _o.CancelRate + _o.RefundRate ? "refunded" : "placed";
        if (status == "placed")
        {
            NetRevenueCents += total;
        }
        string? orderCampaign = null;
        if (kind == 2)
        {
            orderCampaign = _campaigns[campaign].Id;
        }
        else if (_lastClickCampaign >= 0 && time - _lastClickTime <= 7.0)
        {
            orderCampaign = _campaigns[_lastClickCampaign].Id;
        }
        var code = offered ? (isSignup ? WelcomeCode : CouponCodes[couponIndex]) : null;
        for (var k = 0; k < lines; k++)
        {
            var o = _orders;
            o.Id('o', order, 7);
            o.Id('c', _customerNumber, _customerDigits);
            o.Timestamp(tPurchase);
            o.Id('p', _lineProducts[k] + 1, _catalog.IdDigits);
            o.Text(_catalog.CategoryNames[_catalog.ProductCategory[_lineProducts[k]]]);
            o.Integer(_lineQuantities[k]);
            o.Cents(_catalog.ProductPriceCents[_lineProducts[k]] * (100 - percent) / 100);
            o.Text(code);
            o.Text(orderCampaign);
            o.Text(status);
            o.EndRow();
        }
        return true;
    }

    public void Customer(int index)
    {
        _rng = new SimRandom(_o.Seed, (ulong)index, 1);
        var rng = _rng;
        var profiles = CustomerTypeProfile.All;
        var x = rng.NextDouble();
        var typeIndex = 0;
        for (var acc = profiles[0].Share; x >= acc && typeIndex < profiles.Count - 1; acc += profiles[++typeIndex].Share)
        {
        }
        var type = profiles[typeIndex];
        _type = type;
        _customerNumber = index + 1;
        _anonId = AnonymousId(index);

        // Latent traits.
        var rate = rng.Gamma(type.RateShape, type.RateMean / type.RateShape);
        var dropout = rng.Beta(type.DropoutA, type.DropoutB);
        var sessionRate = type.SessionRateMedian * rng.LogNormal(1.0, 0.4);
        if (rate / sessionRate > 0.5)
        {
            sessionRate = rate / 0.5;
        }
        var conversion = rate / sessionRate;
        _priceSensitivity = rng.Beta(type.PriceSensitivityA, type.PriceSensitivityB);
        var uplift = Math.Min(type.UpliftBase * (0.5 + _priceSensitivity) * rng.LogNormal(1.0, 0.3), 0.9 - conversion);
        _preferredHour = (((int)Math.Round(rng.Normal(type.HourMean, type.HourSd))) % 24 + 24) % 24;
        var d = rng.NextDouble();
        _device = d < type.MobileShare ? 0 : d < type.MobileShare + (1 - type.MobileShare) * 0.8 ? 1 : 2;
        _acquisition = rng.FromCumulative(ChannelCumulative);
        DrawTaste();

        // Demographics and consent.
        var gender = Genders[rng.FromCumulative(GenderCumulative)];
        var age = AgeGroups[rng.FromCumulative(AgeCumulative)];
        var country = rng.FromCumulative(CountryCumulative);
        var region = Regions[country][rng.Next(Regions[country].Length)];
        var hasPhone = rng.Chance(0.65);
        var consentEmail = rng.Chance(type.EmailConsent);
        var consentSms = hasPhone && rng.Chance(0.3);
        var consentPush = rng.Chance(_device == 0 ? 0.45 : 0.1);
        var signupDay = rng.Chance(_o.SignedUpBeforeShare) ? -_o.HistoryDays * rng.NextDouble() : _o.Days * rng.NextDouble();
        var signupTime = Math.Floor(signupDay) + TimeOfDay();
        if (signupTime >= _o.Days)
        {
            signupTime = _o.Days - 1.0 / 24;
        }

        // Phase 1: plan sessions (BG/NBD-like: Poisson sessions while alive, dropout after each purchase).
        _plan.Clear();
        var q = _o.CouponOfferRate;
        var alive = true;
        var deathTime = double.PositiveInfinity;
        var offered = rng.Chance(q);
        var converts = rng.Chance(Math.Min(1.0, type.FirstPurchaseAtSignup + (offered ? uplift : 0)));
        _plan.Add(new PlannedSession(signupTime, 1, offered, converts, -1));
        if (converts && rng.Chance(dropout))
        {
            alive = false;
            deathTime = signupTime;
        }
        var weights = type.WeekdayWeights;
        var wMax = 0.0;
        foreach (var w in weights)
        {
            wMax = Math.Max(wMax, w);
        }
        var t = signupTime;
        var last = signupTime;
        while (alive)
        {
            t += rng.Exponential(1.0 / (sessionRate * wMax));
            if (t >= _o.Days)
            {
                break;
            }
            var day = (int)Math.Floor(t);
            if (!rng.Chance(weights[Dow(day)] / wMax))
            {
                continue;
            }
            var st = day + TimeOfDay();
            if (st <= last + 0.01)
            {
                st = last + 0.01;
            }
            if (st >= _o.Days)
            {
                break;
            }
            last = st;
            offered = rng.Chance(q);
            converts = rng.Chance(conversion + (offered ? uplift : 0));
            _plan.Add(new PlannedSession(st, 0, offered, converts, -1));
            if (converts && rng.Chance(dropout))
            {
                alive = false;
                deathTime = st;
            }
        }

        // Phase 2: campaign messages (opens cluster at the preferred hour; the dead rarely open).
        _messages.Clear();
        if (consentEmail)
        {
            for (var k = 0; k < _campaigns.Count; k++)
            {
                var send = _campaigns[k].SendDay;
                if (send < signupTime)
                {
                    continue;
                }
                var p = type.OpenProbability * (send < deathTime ? 1.0 : 0.15);
                if (!rng.Chance(p))
                {
                    continue;
                }
                var open = Math.Floor(send) + rng.Poisson(0.6) + TimeOfDay();
                if (open < send)
                {
                    open += 1;
                }
                if (open >= _o.Days)
                {
                    continue;
                }
                var click = -1.0;
                if (rng.Chance(type.ClickGivenOpen))
                {
                    click = open + (5 + rng.Exponential(90)) / SecondsPerDay;
                    _plan.Add(new PlannedSession(click, 2, false, false, k));
                }
                _messages.Add(new PlannedMessage(open, k, click));
            }
            _plan.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        }

        // Phase 3: emit in time order.
        _lastClickTime = double.NegativeInfinity;
        _lastClickCampaign = -1;
        _purchasesInPeriod = 0;
        var m = 0;
        var deathEmitted = double.IsPositiveInfinity(deathTime);
        foreach (var s in _plan)
        {
            if (s.Time < 0)
            {
                continue;
            }
            while (m < _messages.Count && _messages[m].OpenTime <= s.Time)
            {
                EmitOpen(_messages[m++]);
            }
            if (s.Kind == 2)
            {
                _lastClickTime = s.Time;
                _lastClickCampaign = s.Campaign;
            }
            var ordered = EmitSession(s.Time, s.Kind, s.Offered, s.Converts, s.Campaign, type.CartProbability, type.ProductViews, type.ExtraLinesMean);
            if (ordered && s.Time == deathTime)
            {
                deathEmitted = true;
            }
        }
        while (m < _messages.Count)
        {
            EmitOpen(_messages[m++]);
        }
        var aliveAtEnd = double.IsPositiveInfinity(deathTime) || (deathTime >= 0 && !deathEmitted);

        // customers.csv
        var c = _customers;
        c.Id('c', _customerNumber, _customerDigits);
        c.Text("c" + _customerNumber.ToString(CultureInfo.InvariantCulture).PadLeft(_customerDigits, '0') + "@example.com");
        c.Text(hasPhone ? PhonePrefixes[country] + (1_000_000 + (_customerNumber * 7919 % 9_000_000)).ToString(CultureInfo.InvariantCulture) : null);
        var signupText = FormatTime(signupTime);
        c.Text(signupText);
        c.Text(gender);
        c.Text(age);
        c.Text(Countries[country]);
        c.Text(region);
        c.Text(Channels[_acquisition]);
        c.Boolean(consentEmail);
        c.Boolean(consentSms);
        c.Boolean(consentPush);
        c.EndRow();

        // truth.csv
        var effectiveRate = sessionRate * (conversion + q * uplift);
        var p7 = aliveAtEnd ? 1.0 - Math.Exp(-7.0 * effectiveRate) : 0.0;
        var lambda30 = 0.0;
        for (var k = 0; k < 30; k++)
        {
            lambda30 += weights[Dow(_o.Days + k)];
        }
        lambda30 *= effectiveRate;
        var e30 = aliveAtEnd ? (dropout > 0 ? (1.0 - Math.Exp(-dropout * lambda30)) / dropout : lambda30) : 0.0;
        var tr = _truth;
        tr.Id('c', _customerNumber, _customerDigits);
        tr.Boolean(true);
        tr.Text(type.Name);
        tr.Number(rate, 6);
        tr.Number(dropout, 6);
        tr.Number(_priceSensitivity, 4);
        tr.Integer(_preferredHour);
        tr.Text(Devices[_device]);
        tr.Text(Channels[_acquisition]);
        tr.Text(_catalog.CategoryNames[FavouriteCategory]);
        tr.Number(uplift, 6);
        tr.Boolean(aliveAtEnd);
        tr.Number(p7, 6);
        tr.Number(e30, 6);
        tr.Hex('a', _anonId);
        tr.Text(signupText);
        tr.Number(sessionRate, 6);
        tr.Number(conversion, 6);
        tr.Number(effectiveRate, 6);
        tr.Integer(_purchasesInPeriod);
        tr.EndRow();
    }

    private string FormatTime(double days)
    {
        var seconds = (long)Math.Floor(days * SecondsPerDay);
        return _o.Start.Date.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private void EmitOpen(PlannedMessage message)
    {
        var campaign = _campaigns[message.Campaign];
        _sCustomer = true;
        _sAnon = false;
        _sDevice = Devices[_device];
        _sChannel = "email";
        _sCampaign = campaign.Id;
        _sReferrer = null;
        Event("message_open", (long)(message.OpenTime * SecondsPerDay), null, -1, -1, -1, 0);
    }

    public void Visitor(int index)
    {
        _rng = new SimRandom(_o.Seed, (ulong)index, 2);
        var rng = _rng;
        _type = null;
        _customerNumber = 0;
        _anonId = AnonymousId(_o.Customers + (long)index);
        _priceSensitivity = rng.Beta(4, 4);
        _preferredHour = (((int)Math.Round(rng.Normal(19, 4))) % 24 + 24) % 24;
        var d = rng.NextDouble();
        _device = d < 0.65 ? 0 : d < 0.93 ? 1 : 2;
        _acquisition = rng.FromCumulative(ChannelCumulative);
        if (_acquisition == 3)
        {
            _acquisition = 5; // visitors without an account get no e-mail
        }
        DrawTaste();
        var sessions = 1;
        while (sessions < 20 && rng.Chance(0.6))
        {
            sessions++;
        }
        var t = _o.Days * rng.NextDouble();
        var last = double.NegativeInfinity;
        for (var k = 0; k < sessions; k++)
        {
            var st = Math.Floor(t) + TimeOfDay();
            if (st <= last + 0.01)
            {
                st = last + 0.01;
            }
            if (st >= _o.Days)
            {
                break;
            }
            last = st;
            var x = rng.NextDouble();
            var channel = k == 0 ? _acquisition : x < 0.45 ? 5 : x < 0.8 ? 0 : _acquisition;
            EmitSession(st, 0, false, false, -1, 0.16, 1.2, 0, channel);
            t = st + rng.Exponential(6.0);
        }

        var tr = _truth;
        tr.Hex('a', _anonId);
        tr.Boolean(false);
        tr.Text("anonymous_visitor");
        tr.Integer(0);
        tr.Empty();
        tr.Number(_priceSensitivity, 4);
        tr.Integer(_preferredHour);
        tr.Text(Devices[_device]);
        tr.Text(Channels[_acquisition]);
        tr.Text(_catalog.CategoryNames[FavouriteCategory]);
        tr.Integer(0);
        tr.Boolean(false);
        tr.Integer(0);
        tr.Integer(0);
        tr.Hex('a', _anonId);
        tr.Empty();
        tr.Number((sessions / Math.Max(1.0, _o.Days)), 6);
        tr.Integer(0);
        tr.Integer(0);
        tr.Integer(0);
        tr.EndRow();
    }

    public void Dispose()
    {
        _customers.Dispose();
        _orders.Dispose();
        _events.Dispose();
        _truth.Dispose();
    }
}
