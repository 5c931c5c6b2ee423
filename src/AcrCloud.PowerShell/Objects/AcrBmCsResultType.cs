namespace AcrCloud.PowerShell
{
    /// <summary>Which results the API returns: a whole UTC day, or the latest ones.</summary>
    public enum AcrBmCsResultType
    {
        Day,
        Last,
    }
}
