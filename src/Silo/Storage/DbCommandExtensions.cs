using System.Data.Common;

namespace ProcOrleans.Silo.Storage;

/// <summary>Parameterised commands without ceremony.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, string sql, DbTransaction? transaction, TimeSpan timeout)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = Math.Max(1, (int)timeout.TotalSeconds);
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Adds <c>@prefix0..n</c> and answers the SQL list <c>(@prefix0, @prefix1, ...)</c>; the same text every time for the same count.</summary>
    public static string WithList(this DbCommand command, string prefix, IEnumerable<long> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"@{prefix}{names.Count}";
            command.With(name, value);
            names.Add(name);
        }

        return names.Count == 0 ? "(NULL)" : $"({string.Join(", ", names)})";
    }
}
