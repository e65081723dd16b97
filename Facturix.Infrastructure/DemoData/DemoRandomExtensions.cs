namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// The weighted and uniform draws the demo builders make. Each consumes the seeded <see cref="Random"/> in a fixed
/// way: changing how many values a helper draws changes every demo data set generated after it.
/// </summary>
internal static class DemoRandomExtensions
{
    public static DateTimeOffset Uniform(this Random random, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : DemoTime.Truncate(from + (to - from) * random.NextDouble());

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public static int Pick(this Random random, int[] weights)
    {
        var total = 0;
        foreach (var w in weights) total += w;
        var x = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.Length - 1;
    }

    public static T OneOf<T>(this Random random, T[] values) => values[random.Next(values.Length)];

    /// <summary>
    /// Fisher-Yates from the end. Deliberately not <see cref="Random.Shuffle{T}(T[])"/>, whose draw order differs:
    /// the seeded data depends on this one.
    /// </summary>
    public static void ShuffleList<T>(this Random random, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
