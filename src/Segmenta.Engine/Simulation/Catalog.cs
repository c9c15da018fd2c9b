namespace Segmenta.Engine.Simulation;

/// <summary>The product catalogue: 12 categories, synthetic brands and names, log-normal prices.</summary>
internal sealed class Catalog
{
    private static readonly string[] Names =
    [
        "Electronics", "Home & Kitchen", "Fashion", "Shoes", "Beauty", "Sports & Outdoors",
        "Books", "Toys & Games", "Grocery", "Garden", "Health", "Pet Supplies",
    ];

    private static readonly string[] Slugs =
    [
        "electronics", "home-kitchen", "fashion", "shoes", "beauty", "sports-outdoors",
        "books", "toys-games", "grocery", "garden", "health", "pet-supplies",
    ];

    // Median price and log-scale spread per category.
    private static readonly double[] MedianPrice = [120, 35, 40, 65, 18, 45, 14, 25, 6, 30, 15, 20];
    private static readonly double[] PriceSigma = [0.8, 0.7, 0.6, 0.5, 0.6, 0.8, 0.4, 0.7, 0.5, 0.8, 0.6, 0.7];
    private static readonly double[] Popularity = [14, 12, 13, 8, 9, 8, 6, 7, 5, 6, 6, 6];

    private static readonly string[][] Nouns =
    [
        ["Headphones", "Speaker", "Charger", "Smartwatch", "Keyboard", "Webcam", "Tablet Case", "Laptop Sleeve 15\""],
        ["Mug", "Frying Pan", "Knife Set", "Blender", "Kettle", "Towel", "Storage Box", "Lamp"],
        ["T-Shirt", "Hoodie", "Jeans", "Dress", "Jacket", "Scarf", "Shirt", "Cap"],
        ["Sneaker", "Boot", "Sandal", "Running Shoe", "Loafer", "Slipper"],
        ["Face Cream", "Shampoo", "Lipstick", "Perfume", "Serum", "Body Lotion"],
        ["Yoga Mat", "Tent", "Water Bottle", "Backpack", "Dumbbell", "Bike Light"],
        ["Novel", "Cookbook", "Travel Guide", "Comic", "Biography", "Notebook"],
        ["Puzzle", "Board Game", "Building Blocks", "Plush Bear", "Card Game", "Toy Car"],
        ["Coffee Beans", "Olive Oil", "Pasta", "Tea", "Chocolate", "Granola"],
        ["Planter", "Hose", "Seeds", "Garden Chair", "Pruner", "Bird Feeder"],
        ["Vitamin D", "First Aid Kit", "Thermometer", "Protein Powder", "Hand Gel", "Massage Ball"],
        ["Dog Food", "Cat Litter", "Pet Bed", "Leash", "Chew Toy", "Scratching Post"],
    ];

    private static readonly string[] Brands =
    [
        "Acme", "Nordwind", "Lumio", "Vantor", "Kibo", "Solace", "Brava", "Tidewell", "Orbix", "Feldmann",
        "Maple & Co", "Quill", "Zenda", "Harbor", "Pioneer", "Velvet", "Copperline", "Sunbeam", "Atlas", "Nimbus",
        "Evergreen", "Blue Fox", "Granite", "Willow", "Cobalt", "Juniper", "Redwood", "Polar", "Saffron", "Elm",
    ];

    private static readonly string[] Adjectives =
    [
        "Classic", "Pro", "Eco", "Compact", "Premium", "Everyday", "Deluxe", "Light", "Max", "Urban", "Essential", "Studio",
    ];

    public int CategoryCount { get; } = Names.Length;

    public string[] CategoryNames { get; } = Names;

    public string[] CategorySlugs { get; } = Slugs;

    public double[] CategoryPopularity { get; } = Popularity;

    public int ProductCount { get; }

    public int IdDigits { get; }

    public string[] ProductNames { get; }

    public string[] ProductBrands { get; }

    public int[] ProductCategory { get; }

    public long[] ProductPriceCents { get; }

    /// <summary>Product indices of each category.</summary>
    public int[][] CategoryProducts { get; }

    /// <summary>Cumulative Zipf-like popularity of the products of each category.</summary>
    public double[][] CategoryProductCumulative { get; }

    public Catalog(int products, int seed)
    {
        var rng = new SimRandom(seed, 0, 100);
        ProductCount = products;
        IdDigits = Math.Max(5, products.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        ProductNames = new string[products];
        ProductBrands = new string[products];
        ProductCategory = new int[products];
        ProductPriceCents = new long[products];
        var counts = new int[Names.Length];
        for (var k = 0; k < products; k++)
        {
            var c = k % Names.Length;
            ProductCategory[k] = c;
            counts[c]++;
            var brand = Brands[(c * 7 + rng.Next(8)) % Brands.Length];
            ProductBrands[k] = brand;
            var name = brand + " " + Adjectives[rng.Next(Adjectives.Length)] + " " + Nouns[c][rng.Next(Nouns[c].Length)];
            var variant = rng.NextDouble();
            if (variant < 0.08)
            {
                name += ", set of 2";
            }
            else if (variant < 0.16)
            {
                name += " " + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            ProductNames[k] = name;
            var price = rng.LogNormal(MedianPrice[c], PriceSigma[c]);
            ProductPriceCents[k] = Math.Max(99L, (long)Math.Round(price) * 100 - 1);
        }
        CategoryProducts = new int[Names.Length][];
        CategoryProductCumulative = new double[Names.Length][];
        var fill = new int[Names.Length];
        for (var c = 0; c < Names.Length; c++)
        {
            CategoryProducts[c] = new int[counts[c]];
            CategoryProductCumulative[c] = new double[counts[c]];
        }
        for (var k = 0; k < products; k++)
        {
            var c = ProductCategory[k];
            CategoryProducts[c][fill[c]++] = k;
        }
        for (var c = 0; c < Names.Length; c++)
        {
            var cum = CategoryProductCumulative[c];
            var total = 0.0;
            for (var r = 0; r < cum.Length; r++)
            {
                total += 1.0 / Math.Pow(r + 1, 0.8);
                cum[r] = total;
            }
        }
    }

    /// <summary>
    /// Picks a product of a category: two candidates by popularity, the cheaper one with probability
    /// <paramref name="priceSensitivity"/>, otherwise the dearer one.
    /// </summary>
    public int PickProduct(SimRandom rng, int category, double priceSensitivity)
    {
        var list = CategoryProducts[category];
        var cum = CategoryProductCumulative[category];
        var a = list[rng.FromCumulative(cum)];
        var b = list[rng.FromCumulative(cum)];
        var aCheaper = ProductPriceCents[a] <= ProductPriceCents[b];
        return rng.Chance(priceSensitivity) == aCheaper ? a : b;
    }

    public void Write(string path)
    {
        using var csv = new CsvOutput(path, DateTime.UnixEpoch, 0);
        csv.Header("product_id,name,category,brand,price");
        for (var k = 0; k < ProductCount; k++)
        {
            csv.Id('p', k + 1, IdDigits);
            csv.Text(ProductNames[k]);
            csv.Text(Names[ProductCategory[k]]);
            csv.Text(ProductBrands[k]);
            csv.Cents(ProductPriceCents[k]);
            csv.EndRow();
        }
    }
}
