using System.Globalization;
using System.Text;
using Interview.Web.Text;

namespace Interview.Web.Statistics;

/// <summary>
/// The year's figures as a spreadsheet for the annual report: one line for the year, one per quarter, one per column
/// (group, then name: a column's name is a cell of its own), and the median time to answer; headers in the reader's language (the request's culture), column names as written.
/// </summary>
public static class StatisticsCsv
{
    public static byte[] Write(YearStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var year = statistics.Year.ToString(CultureInfo.InvariantCulture);
        var csv = new StringBuilder();
        CsvText.AppendLine(csv, [Word("StatisticsYear"), Word("StatisticsCsvGroup"), Word("StatisticsCsvName"), Word("StatisticsInterviews"),
            Word("StatisticsQuestionsReceived"), Word("StatisticsQuestionsAnswered"), Word("StatisticsAnsweredLive"),
            Word("StatisticsAnsweredLater"), Word("StatisticsFollowUpsOnTime"), Word("StatisticsFollowUpsLate"), Word("StatisticsFollowUpsOpen")]);
        CsvText.AppendLine(csv, [year, Word("StatisticsYearTotal"), "", .. Figures(statistics.Totals)]);
        foreach (var quarter in statistics.ByQuarter)
        {
            CsvText.AppendLine(csv, [year, Word("StatisticsQuarter"), Word("StatisticsQuarterName", quarter.Quarter), .. Figures(quarter.Counts)]);
        }
        foreach (var column in statistics.ByColumn)
        {
            CsvText.AppendLine(csv, [year, Word("StatisticsColumn"), column.Name, .. Figures(column.Counts)]);
        }
        // The median is the year's alone: a short block of its own after an empty line.
        csv.Append("\r\n");
        CsvText.AppendLine(csv, [Word("StatisticsMedian"), statistics.MedianMinutesToAnswer?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""]);
        return CsvText.Bytes(csv);
    }

    private static IEnumerable<string> Figures(StatisticsCounts c) =>
        new[] { c.Interviews, c.QuestionsReceived, c.QuestionsAnswered, c.AnsweredLive, c.AnsweredLater, c.FollowUpsOnTime, c.FollowUpsLate, c.FollowUpsOpen }
            .Select(n => n.ToString(CultureInfo.InvariantCulture));

    private static string Word(string key, params object[] args) =>
        string.Format(CultureInfo.CurrentCulture, ResourceText.Get(typeof(Resources.Staff), key), args);
}
