BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    $ProgressPreference = 'SilentlyContinue'
    $script:month = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich -ErrorAction SilentlyContinue |
            ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    $script:total = ($month | Measure-Object DurationSec -Sum).Sum

    # What the summary must equal: Group-Object and Measure-Object over the same rows.
    function Assert-Summary($Summary, $Groups) {
        @($Summary).Count | Should -Be @($Groups).Count
        $byName = @{}
        foreach ($g in $Groups) { $byName[$g.Name] = $g }
        foreach ($s in $Summary) {
            $g = $byName[$s.Name]
            $g | Should -Not -BeNullOrEmpty -Because "the group '$($s.Name)' must exist"
            $s.Plays | Should -Be $g.Count
            $s.AirtimeSec | Should -Be ($g.Group | Measure-Object DurationSec -Sum).Sum
            $s.Airtime | Should -Be ([timespan]::FromSeconds($s.AirtimeSec))
            $s.Tracks | Should -Be @($g.Group.Acrid | Where-Object { $_ } | Sort-Object -Unique -CaseSensitive).Count
            $s.First.DateTime | Should -Be ($g.Group | Sort-Object StartUtc | Select-Object -First 1).StartLocal
            $s.Last.DateTime | Should -Be ($g.Group | Sort-Object StartUtc | Select-Object -Last 1).StartLocal
            $s.Share | Should -Be ($s.AirtimeSec / $total)
        }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Measure-AcrBmCsPlay' {
    It 'sums up by stream by default, the most airtime first' {
        $summary = @($month | Measure-AcrBmCsPlay)
        $summary | Should -BeOfType ([AcrCloud.PowerShell.AcrBmCsPlaySummary])
        $summary.GroupBy | Sort-Object -Unique | Should -Be 'Stream'
        Assert-Summary $summary ($month | Group-Object StreamId)
        $summary[0].AirtimeSec | Should -BeGreaterOrEqual $summary[1].AirtimeSec
        $summary[0].Bar | Should -Be ('█' * 20)
        ($summary.Share | Measure-Object -Sum).Sum | Should -BeGreaterThan 0.999
    }

    It 'sums up by local day in calendar order, with the offset of each first and last play' {
        $summary = @($month | Measure-AcrBmCsPlay -GroupBy Day)
        Assert-Summary $summary ($month | Group-Object { $_.StartLocal.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) })
        $summary.Name | Should -Be @($summary.Name | Sort-Object)
        $summary[0].Name | Should -Be '2026-11-01'
        $summary[0].First.Offset | Should -Be ([timespan]::FromHours(1))
    }

    It 'sums up by track and by artist' {
        Assert-Summary @($month | Measure-AcrBmCsPlay -GroupBy Artist) ($month | Group-Object { "$($_.Artists)" })
        $tracks = @($month | Measure-AcrBmCsPlay -GroupBy Track)
        $tracks.Count | Should -Be @($month | Group-Object Acrid).Count
        $tracks.Tracks | Sort-Object -Unique | Should -Be 1
        ($tracks.Plays | Measure-Object -Sum).Sum | Should -Be $month.Count
    }

    It 'keeps the groups with the most airtime with -Top' {
        $all = @($month | Measure-AcrBmCsPlay -GroupBy Track)
        $top = @($month | Measure-AcrBmCsPlay -GroupBy Track -Top 5)
        $top.Count | Should -Be 5
        $top.Name | Should -Be @($all | Select-Object -First 5).Name
        $top.AirtimeSec | Should -Be @($all.AirtimeSec | Sort-Object -Descending | Select-Object -First 5)
        $days = @($month | Measure-AcrBmCsPlay -GroupBy Day -Top 3)
        $days.Name | Should -Be @($days.Name | Sort-Object)
        $days.AirtimeSec | Sort-Object -Descending | Should -Be @($month | Measure-AcrBmCsPlay -GroupBy Day | Sort-Object AirtimeSec -Descending | Select-Object -First 3).AirtimeSec
    }

    It 'shows a table with a bar of each group''s share' {
        $table = $month | Measure-AcrBmCsPlay | Out-String -Width 200
        $table | Should -Match 'Name\s+Plays\s+Airtime\s+Tracks\s+First\s+Last\s+Share'
        $table | Should -Match 's-aare-(pop|klassik)\s+\d+\s+\d+:\d\d:\d\d\s+\d+\s+2026-11-01 \d\d:\d\d\s+2026-11-30 \d\d:\d\d\s+\d+\.\d% █+'
    }

    It 'refuses a -Top below 1' {
        { $month | Measure-AcrBmCsPlay -Top 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}
