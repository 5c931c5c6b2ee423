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
        $row.EndUtc | Should -Be ([datetime]::new(2024, 3, 1, 23, 1, 48, [DateTimeKind]::Utc))
        $row.UtcOffset | Should -Be ([timespan]::FromHours(1))
        $row.Iswc | Should -BeExactly 'T-912.345.678-9'
        $row.Lyricists | Should -BeExactly 'Mira Keller'
        $row.Writers | Should -BeExactly 'KELLER MIRA; RITTER JONAS'
        $row.Genres | Should -BeExactly 'Pop'
        $row.Language | Should -BeExactly 'de'
        $row.DurationSec | Should -BeOfType ([int])
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

    It 'has an empty duration and end, not 0, when the record has no played_duration; whole seconds otherwise' {
        $rows = [pscustomobject]@{ metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:00:00'; music = @([pscustomobject]@{ title = 'x'; acrid = 'x'; album = [pscustomobject]@{ name = 'A'; cd_id = 'GR-0042' } }) } },
            [pscustomobject]@{ metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:01:00'; played_duration = 23.0; music = @([pscustomobject]@{ title = 'y'; acrid = 'y'; works = @([pscustomobject]@{ iswc = 'T1234567890'; creators = @([pscustomobject]@{ name = 'A'; role = 'Composer' }, [pscustomobject]@{ name = 'B'; role = 'E' }) }) }) } } |
            ConvertTo-AcrBmCsPlay
        $rows[0].DurationSec | Should -BeNullOrEmpty
        $rows[0].EndUtc | Should -BeNullOrEmpty
        $rows[0].CatalogNumber | Should -BeExactly 'GR-0042'
        $rows[1].DurationSec | Should -Be 23
        $rows[1].DurationSec | Should -BeOfType ([int])
        ($rows[1] | Format-Table DurationSec -HideTableHeaders | Out-String).Trim() | Should -Be '23'
        $rows[1].Iswc | Should -BeExactly 'T1234567890'
        $rows[1].Writers | Should -BeExactly 'A'
    }

    It 'reads durations, scores and project ids in every form a number comes in, on any culture' {
        $forms = [long] 23, [int] 23, [double] 22.6, [decimal] 23.4, '23', ' 23 ', '2.3e1', [single] 23, [byte] 23, [bigint] 23
        $culture = [cultureinfo]::CurrentCulture
        try {
            # A comma for the decimal point must not turn "2.3e1" into 23000 or nothing.
            [cultureinfo]::CurrentCulture = 'de-CH'
            $rows = $forms | ForEach-Object {
                [pscustomobject]@{ ProjectId = $_; metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:00:00'; played_duration = $_; music = @([pscustomobject]@{ title = 'x'; acrid = 'x'; score = $_ }) } }
            } | ConvertTo-AcrBmCsPlay
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
        $rows.Count | Should -Be $forms.Count
        $rows.DurationSec | Should -Be (@(23) * $forms.Count)
        $rows[2].Score | Should -Be 22.6
        $rows[6].Score | Should -Be 23
        @($rows | Where-Object { $_.ProjectId -ne 23 -and $_ -ne $rows[2] }) | Should -BeNullOrEmpty
        $notANumber = [pscustomobject]@{ metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:00:00'; played_duration = 'long'; music = @([pscustomobject]@{ title = 'x'; acrid = 'x'; score = $true }) } } | ConvertTo-AcrBmCsPlay
        $notANumber.DurationSec | Should -BeNullOrEmpty
        $notANumber.Score | Should -Be 1
    }

    It 'refuses $null from the pipeline with the binder''s error, and goes on with the next record' {
        $rows = @($null, [pscustomobject]@{ metadata = [pscustomobject]@{ timestamp_utc = '2026-11-02 10:00:00'; played_duration = 5; music = @([pscustomobject]@{ title = 'x'; acrid = 'x' }) } } |
            ConvertTo-AcrBmCsPlay -ErrorVariable failed -ErrorAction SilentlyContinue)
        $rows.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationErrorNullNotAllowed,*'
    }

    It 'takes the zone from records fetched by local days, and keeps the offset of every local time' {
        $explicit = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -From 2026-10-25 -TimeZone Europe/Zurich | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
        $implicit = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -From 2026-10-25 -TimeZone Europe/Zurich | ConvertTo-AcrBmCsPlay)
        $implicit.Count | Should -Be $explicit.Count
        $implicit.Count | Should -BeGreaterThan 0
        for ($i = 0; $i -lt $implicit.Count; $i++) {
            $implicit[$i].StartLocal | Should -Be $explicit[$i].StartLocal
            $implicit[$i].UtcOffset | Should -Be $explicit[$i].UtcOffset
        }
        # Summer time ended at 03:00 that night: both offsets appear, and each local time is its UTC time plus its offset.
        @($implicit.UtcOffset | Sort-Object -Unique) | Should -Be @([timespan]::FromHours(1), [timespan]::FromHours(2))
        $implicit | ForEach-Object { $_.StartLocal.Ticks | Should -Be ($_.StartUtc + $_.UtcOffset).Ticks }
        # Records fetched by UTC day know no zone: UTC, as before.
        $utc = Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-10-25 | ConvertTo-AcrBmCsPlay | Select-Object -First 1
        $utc.UtcOffset | Should -Be ([timespan]::Zero)
    }

    It 'carries the name of the streams piped into Get-AcrBmCsResult' {
        $stream = Get-AcrBmCsStream -ProjectId 1001 -StreamId s-aare-pop
        $rows = @($stream | Get-AcrBmCsResult -Date 2026-11-02 | ConvertTo-AcrBmCsPlay)
        $rows.Count | Should -BeGreaterThan 0
        $rows.StreamName | Sort-Object -Unique | Should -BeExactly $stream.name
        (Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 | ConvertTo-AcrBmCsPlay | Select-Object -First 1).StreamName | Should -BeNullOrEmpty
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
        $merged[0].EndUtc | Should -Be ([datetime]::new(2026, 11, 2, 0, 0, 41, [DateTimeKind]::Utc))
    }

    It 'keeps a song aired again after other programme as its own row: only split parts are merged' {
        $records = @(
            New-TestRecord s1 P '2026-11-02 07:04:53' 135
            New-TestRecord s1 P '2026-11-02 07:31:52' 90
            New-TestRecord s1 Q '2026-11-02 08:00:00' 100
            New-TestRecord s1 Q '2026-11-02 08:02:10' 50
        )
        $merged = @($records | ConvertTo-AcrBmCsPlay -MergeConsecutive)
        $merged.Count | Should -Be 3
        $merged.DurationSec | Should -Be @(135, 90, 150)
        # Q's second part starts 30 s after the first ended: within the default 60 s, beyond -MaxGapSec 20.
        @($records | ConvertTo-AcrBmCsPlay -MergeConsecutive -MaxGapSec 20).Count | Should -Be 4
        @($records | ConvertTo-AcrBmCsPlay -MergeConsecutive -MaxGapSec 3600).Count | Should -Be 2
    }
}
