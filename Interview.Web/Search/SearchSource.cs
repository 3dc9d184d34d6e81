using Interview.Web.Text;

namespace Interview.Web.Search;

/// <summary>
/// Reads the documents of a published session from the product's tables: the public text of every transcript entry,
/// the approved questions that did not reach the transcript as an entry of their own (先审后发: pending, rejected and
/// merged questions never), and the session itself (title, summary, guests' names, posts and organizations). The SQL
/// runs on SQLite and PostgreSQL alike: identifiers quoted as EF names them, parameters written <c>@name</c>.
/// </summary>
internal sealed class SearchSource(MarkdownRenderer renderer)
{
    /// <summary>Published sessions in the order they were published: a rebuild numbers documents in that order.</summary>
    public List<int> PublishedSessions(ISqlCommands sql)
    {
        using var command = sql.Command("""SELECT "Id" FROM "Interviews" WHERE "Status" = 'Published' AND "RehearsalOf" IS NULL ORDER BY "PublishedAt", "Id" """);
        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }

    public bool IsPublished(ISqlCommands sql, int interviewId)
    {
        // A rehearsal (彩排) is never public, so never indexed: it reads as not published.
        using var command = sql.Command("""SELECT "Status" FROM "Interviews" WHERE "Id" = @id AND "RehearsalOf" IS NULL""");
        SqlParameters.Bind(command, ("@id", interviewId));
        return command.ExecuteScalar() as string == "Published";
    }

    /// <summary>
    /// Every document of the session: entries in seq order, then questions, then the session itself. Read whole before
    /// the caller writes any: PostgreSQL runs one command at a time on a connection.
    /// </summary>
    public List<SearchDocument> Documents(ISqlCommands sql, int interviewId) => Documents(sql, [interviewId]);

    /// <summary>
    /// The documents of several sessions, in the order given, each session's as <see cref="Documents(ISqlCommands, int)"/>
    /// has them: four statements for all of them (a rebuild reads a few hundred sessions at a time, where a statement
    /// per session and table was most of its reading). Ids are numbers, so the list is written into the SQL.
    /// </summary>
    public List<SearchDocument> Documents(ISqlCommands sql, IReadOnlyList<int> interviewIds)
    {
        ArgumentNullException.ThrowIfNull(interviewIds);
        if (interviewIds.Count == 0)
        {
            return [];
        }
        var inList = "(" + string.Join(",", interviewIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
        var entries = new Dictionary<int, List<SearchDocument>>();
        using (var command = sql.Command($"""SELECT "InterviewId", "Seq", "Text" FROM "Entries" WHERE "InterviewId" IN {inList} ORDER BY "InterviewId", "Seq" """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt32(0);
                Of(entries, id).Add(new SearchDocument(id, SearchDocKind.Entry, reader.GetInt32(1), reader.GetString(2)));
            }
        }
        var questions = new Dictionary<int, List<SearchDocument>>();
        using (var command = sql.Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, PublicQuestionsSql, "q.\"InterviewId\", ", "IN " + inList)
            + """ ORDER BY q."InterviewId", q."Id" """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt32(0);
                Of(questions, id).Add(new SearchDocument(id, SearchDocKind.Question, reader.GetInt32(1), reader.GetString(2)));
            }
        }
        var sessions = new Dictionary<int, (string Title, string Summary)>();
        using (var command = sql.Command($"""SELECT "Id", "Title", "SummaryMarkdown", "BackgroundMarkdown" FROM "Interviews" WHERE "Id" IN {inList}"""))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sessions[reader.GetInt32(0)] = (reader.GetString(1), About(reader.GetString(2), reader.GetString(3)));
            }
        }
        var guests = new Dictionary<int, List<(string, string, string)>>();
        using (var command = sql.Command($"""SELECT "InterviewId", "Name", "Position", "Organization" FROM "Guests" WHERE "InterviewId" IN {inList} ORDER BY "InterviewId", "SortOrder", "Id" """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Of(guests, reader.GetInt32(0)).Add((reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }
        var documents = new List<SearchDocument>();
        foreach (var id in interviewIds)
        {
            documents.AddRange(entries.GetValueOrDefault(id) ?? []);
            documents.AddRange(questions.GetValueOrDefault(id) ?? []);
            if (sessions.TryGetValue(id, out var session))
            {
                documents.Add(new SearchDocument(id, SearchDocKind.Session, 0, SessionText(session.Title, session.Summary, guests.GetValueOrDefault(id) ?? [])));
            }
        }
        return documents;

        static List<T> Of<T>(Dictionary<int, List<T>> lists, int id) =>
            lists.TryGetValue(id, out var list) ? list : lists[id] = [];
    }

    public SearchDocument? Entry(ISqlCommands sql, int interviewId, int seq)
    {
        using var command = sql.Command("""SELECT "Text" FROM "Entries" WHERE "InterviewId" = @id AND "Seq" = @seq""");
        SqlParameters.Bind(command, ("@id", interviewId), ("@seq", seq));
        return command.ExecuteScalar() is string text ? new SearchDocument(interviewId, SearchDocKind.Entry, seq, text) : null;
    }

    /// <summary>The question as a document, or null when it is not public or is in the transcript as an entry.</summary>
    public SearchDocument? Question(ISqlCommands sql, int interviewId, int questionId)
    {
        using var command = sql.Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, PublicQuestionsSql, "", "= @id")
            + """ AND q."Id" = @question""");
        SqlParameters.Bind(command, ("@id", interviewId), ("@question", questionId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new SearchDocument(interviewId, SearchDocKind.Question, reader.GetInt32(0), reader.GetString(1)) : null;
    }

    public SearchDocument? Session(ISqlCommands sql, int interviewId)
    {
        string title;
        string summary;
        using (var command = sql.Command("""SELECT "Title", "SummaryMarkdown", "BackgroundMarkdown" FROM "Interviews" WHERE "Id" = @id"""))
        {
            SqlParameters.Bind(command, ("@id", interviewId));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }
            (title, summary) = (reader.GetString(0), About(reader.GetString(1), reader.GetString(2)));
        }
        var guests = new List<(string, string, string)>();
        using (var command = sql.Command("""SELECT "Name", "Position", "Organization" FROM "Guests" WHERE "InterviewId" = @id ORDER BY "SortOrder", "Id" """))
        {
            SqlParameters.Bind(command, ("@id", interviewId));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                guests.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        return new SearchDocument(interviewId, SearchDocKind.Session, 0, SessionText(title, summary, guests));
    }

    /// <summary>What the session is about, searched as one text: its summary (访谈摘要) and its background (访谈背景).</summary>
    private static string About(string summary, string background) =>
        summary.Length == 0 ? background : background.Length == 0 ? summary : summary + "\n" + background;

    /// <summary>The session's own text, one part a line (a line break is a break for matching).</summary>
    public string SessionText(string title, string summaryMarkdown, IEnumerable<(string Name, string Position, string Organization)> guests)
    {
        var lines = new List<string> { title, renderer.Render(summaryMarkdown).PlainText };
        foreach (var (name, position, organization) in guests)
        {
            lines.AddRange([name, position, organization]);
        }
        return string.Join('\n', lines.Where(l => l.Length > 0));
    }

    /// <summary>
    /// Approved questions of a session that no question entry of the transcript carries already; citizens' words that
    /// a moderator has not approved never get here. <c>{0}</c> takes columns to read before the question's id and
    /// text, <c>{1}</c> the condition on the session.
    /// </summary>
    private const string PublicQuestionsSql = """
        SELECT {0}q."Id", q."Text" FROM "Questions" q
        WHERE q."InterviewId" {1} AND q."Status" IN ('Approved', 'Answered')
          AND NOT EXISTS (SELECT 1 FROM "Entries" e WHERE e."InterviewId" = q."InterviewId" AND e."Kind" = 'Question' AND e."QuestionId" = q."Id")
        """;
}
