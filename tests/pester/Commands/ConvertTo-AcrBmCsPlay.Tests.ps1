BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0

    function New-TestRecord([string] $StreamId, [string] $Acrid, [string] $Start, [int] $Seconds, [int] $ProjectId = 7) {
        [pscustomobject]@{
            metadata  = [pscustomobject]@{ timestamp_utc = $Start; played_duration = $Seconds; music = @([pscustomobject]@{ title = "T-$Acrid"; acrid = $Acrid }) }
            ProjectId = $ProjectId
            StreamId  = $StreamId
        }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'ConvertTo-AcrBmCsPlay' {
    BeforeAll {
        $rows = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    }

    It 'flattens a music record with list identifiers' {
        $row = $rows[0]
        $row | Should -BeOfType ([AcrCloud.PowerShell.AcrBmCsPlay])
        $row.ProjectId | Should -Be 1001
        $row.StreamId | Should -Be 's-fixture'
        $row.StartUtc | Should -Be ([datetime]::new(2024, 3, 1, 22, 58, 41, [DateTimeKind]::Utc))
        $row.StartUtc.Kind | Should -Be 'Utc'
        $row.StartLocal | Should -Be ([datetime]'2024-03-01T23:58:41')
        $row.DurationSec | Should -Be 187
        $row.Kind | Should -Be 'Music'
        $row.Title | Should -BeExactly 'Nachtzug nach Bern'
        $row.Artists | Should -BeExactly 'Mira Keller; The Aare Collective'
        $row.Album | Should -BeExactly 'Gleisfeld'
        $row.Label | Should -BeExactly 'Gurten Records'
        $row.Isrc | Should -BeExactly 'CHA011900123; DEX341900456'
        $row.Upc | Should -BeExactly '0602577123456'
        $row.Composers | Should -BeExactly 'Mira Keller; Jonas Ritter'
        $row.ReleaseDate | Should -BeExactly '2019-04-12'
        $row.Acrid | Should -BeExactly '3f9c2e7a1b0d4c58a6e2f1d9b7c40a12'
        $row.Score | Should -Be 100
    }

    It 'flattens a custom file with plain-string artists and capitalised keys' {
        $row = $rows[1]
        $row.Kind | Should -Be 'CustomFile'
        $row.Title | Should -BeExactly 'Station ID Morning'
        $row.Artists | Should -BeExactly 'In-house'
        $row.Isrc | Should -BeExactly 'CHZ001240001'
        $row.Upc | Should -BeNullOrEmpty
        $row.Score | Should -Be 88
        $row.DurationSec | Should -Be 21
    }

    It 'flattens a record with empty external ids and a bare year' {
        $row = $rows[2]
        $row.Isrc | Should -BeNullOrEmpty
        $row.Upc | Should -BeNullOrEmpty
        $row.ReleaseDate | Should -BeExactly '2020'
        $row.Artists | Should -BeExactly 'Siti Nora'
        $row.Composers | Should -BeNullOrEmpty
    }

    It 'copes with capitalised custom-file keys without a lower-case twin' {
        $record = [pscustomobject]@{ metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:00:00'; played_duration = 30
                custom_files = @([pscustomobject]@{ Title = 'Jingle'; Artist = 'Studio'; acrid = 'j1' }) } }
        $row = $record | ConvertTo-AcrBmCsPlay
        $row.Title | Should -Be 'Jingle'
        $row.Artists | Should -Be 'Studio'
        $row.ProjectId | Should -BeNullOrEmpty
    }

    It 'rejects input that is not a result record with a non-terminating error' {
        $rows = 'hello', (New-TestRecord s1 a '2026-11-02 10:00:00' 5) | ConvertTo-AcrBmCsPlay -ErrorVariable problems -ErrorAction SilentlyContinue
        @($rows).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotAResultRecord,*'
    }

    It 'merges consecutive rows of the same stream and song, and nothing else' {
        $records = @(
            New-TestRecord s1 A '2026-11-01 23:56:00' 200
            New-TestRecord s1 A '2026-11-02 00:00:01' 40
            New-TestRecord s1 B '2026-11-02 00:01:00' 180
            New-TestRecord s1 A '2026-11-02 00:04:00' 100
            New-TestRecord s2 A '2026-11-02 00:00:00' 10
            New-TestRecord s2 A '2026-11-02 00:00:20' 20 -ProjectId 8
        )
        $merged = @($records | ConvertTo-AcrBmCsPlay -MergeConsecutive)
        $merged.Count | Should -Be 5
        $merged[0].Acrid | Should -Be 'A'
        $merged[0].DurationSec | Should -Be 240
        $merged[0].StartUtc | Should -Be ([datetime]::new(2026, 11, 1, 23, 56, 0, [DateTimeKind]::Utc))
        $merged[1].Acrid | Should -Be 'B'
        $merged[2].DurationSec | Should -Be 100
        $merged[3].StreamId | Should -Be 's2'
        $merged[4].ProjectId | Should -Be 8
        @($records | ConvertTo-AcrBmCsPlay).Count | Should -Be 6
    }
}
