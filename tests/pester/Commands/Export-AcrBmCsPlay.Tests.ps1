BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    $ProgressPreference = 'SilentlyContinue'
    # A month of several streams, and the fixture day whose records carry every field a report needs.
    $script:month = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop, s-aare-klassik, s-onda-1 -From 2026-11-01 -To 2026-11-30 -TimeZone Europe/Zurich -ErrorAction SilentlyContinue |
            ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    $script:fixture = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01 | ConvertTo-AcrBmCsPlay -TimeZone Europe/Zurich)
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("acr-export-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $script:dir | Out-Null
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
    Remove-Item -Recurse -Force $script:dir -ErrorAction SilentlyContinue
}

Describe 'Export-AcrBmCsPlay' {
    It 'has a month of rows to export' {
        $month.Count | Should -BeGreaterThan 100
        @($month.StreamId | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'writes the default layout as UTF-8 with a BOM, CRLF rows and ISO dates with their offset' {
        $path = Join-Path $dir 'default.csv'
        $file = $month | Export-AcrBmCsPlay -Path $path
        $file | Should -BeOfType ([IO.FileInfo])
        $file.FullName | Should -Be $path
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $text = [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3)
        $lines = $text -split "`r`n"
        $lines[-1] | Should -Be ''
        $text.Replace("`r`n", '').Contains("`n") | Should -BeFalse
        $lines[0] | Should -BeExactly 'ProjectId,StreamId,StartUtc,StartLocal,DurationSec,Kind,Title,Artists,Album,Label,Isrc,Upc,Composers,ReleaseDate,Acrid,Score'
        $read = @(Import-Csv $path)
        $read.Count | Should -Be $month.Count
        foreach ($i in 0, [int]($month.Count / 2), ($month.Count - 1)) {
            $row = $month[$i]
            $read[$i].StreamId | Should -BeExactly $row.StreamId
            $read[$i].Title | Should -BeExactly $row.Title
            $read[$i].StartUtc | Should -BeExactly ($row.StartUtc.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z')
            $offset = $row.StartLocal - $row.StartUtc
            $sign = if ($offset -lt [timespan]::Zero) { '-' } else { '+' }
            $read[$i].StartLocal | Should -BeExactly ($row.StartLocal.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + $sign + $offset.ToString('hh\:mm'))
            [double]::Parse($read[$i].DurationSec, [cultureinfo]::InvariantCulture) | Should -Be $row.DurationSec
        }
        # November in Zurich is winter time.
        $read[0].StartLocal | Should -Match '^2026-11-01 \d\d:\d\d:\d\d\+01:00$'
    }

    It 'writes the SUISA layout with its headers, order and cell rules' {
        $path = Join-Path $dir 'radio-aare_2026_11.csv'
        $month | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
        $header = (Get-Content $path -Encoding utf8 -TotalCount 1)
        $header | Should -BeExactly ('Sender,Titel des Musikwerks,Name des Komponisten,Interpret(en),Sendedatum,Sendedauer,Sendezeit,ISRC,Label,' +
            'Identifikationsnummer,Eigenaufnahmen,EAN / GTIN,Albumtitel / Titel des Tonträgers,Aufnahmedatum,Aufnahmeland,' +
            'Erstveröffentlichungsdatum,Katalog-Nummer / CD ID,Werkverzeichnisangaben,Bestellnummer,Veröffentlichungsland,Liveaufnahme')
        $read = @(Import-Csv $path -Encoding utf8)
        $read.Count | Should -Be $month.Count
        $i = [int]($month.Count / 3)
        $row = $month[$i]
        $cells = $read[$i]
        $cells.Sender | Should -BeExactly 'Radio Aare'
        $cells.'Titel des Musikwerks' | Should -BeExactly $row.Title
        $cells.Sendedatum | Should -BeExactly $row.StartLocal.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        $cells.Sendezeit | Should -BeExactly $row.StartLocal.ToString('HH:mm:ss', [cultureinfo]::InvariantCulture)
        $cells.Sendedauer | Should -BeExactly ([timespan]::FromSeconds([math]::Round($row.DurationSec)).ToString('hh\:mm\:ss'))
        $cells.Identifikationsnummer | Should -BeExactly ($row.StartUtc.ToString('yyyy-MM-ddTHH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z#acrid=' + $row.Acrid)
        $cells.Eigenaufnahmen | Should -BeExactly 'nein'
        $cells.Aufnahmedatum | Should -BeExactly ''
        $cells.Liveaufnahme | Should -BeExactly ''
        $read.ISRC | Where-Object { $_ } | Should -Match '^[A-Z]{2}[A-Z0-9]{3}\d{7}$'
    }

    It 'cleans ISRCs, joins names with commas and keeps only full release dates' {
        $path = Join-Path $dir 'fixture.csv'
        $fixture | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
        $first = @(Import-Csv $path -Encoding utf8)[0]
        $first.ISRC | Should -BeExactly 'CHA011900123'
        $first.'Name des Komponisten' | Should -BeExactly 'Mira Keller, Jonas Ritter'
        $first.'Interpret(en)' | Should -BeExactly 'Mira Keller, The Aare Collective'
        $first.'EAN / GTIN' | Should -BeExactly '0602577123456'
        $first.'Albumtitel / Titel des Tonträgers' | Should -BeExactly 'Gleisfeld'
        $first.'Erstveröffentlichungsdatum' | Should -BeExactly '20190412'
        $first.Sendedatum | Should -BeExactly '2024-03-01'
        $first.Sendezeit | Should -BeExactly '23:58:41'
        $first.Sendedauer | Should -BeExactly '00:03:07'
        $first.Identifikationsnummer | Should -BeExactly '2024-03-01T22:58:41Z#acrid=3f9c2e7a1b0d4c58a6e2f1d9b7c40a12'
        $fixture | Where-Object ReleaseDate -Match '^\d{4}$' | ForEach-Object {
            $at = [array]::IndexOf($fixture, $_)
            @(Import-Csv $path -Encoding utf8)[$at].'Erstveröffentlichungsdatum' | Should -BeExactly ''
        }
    }

    It 'writes the same bytes under de-CH, en-US and ja-JP' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            $hashes = foreach ($name in 'de-CH', 'en-US', 'ja-JP') {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new($name)
                $path = Join-Path $dir "culture-$name.csv"
                $month | Export-AcrBmCsPlay -Path $path | Out-Null
                (Get-FileHash $path).Hash
                $path = Join-Path $dir "culture-suisa-$name.csv"
                $month | Export-AcrBmCsPlay -Path $path -Layout Suisa -StationName 'Radio Aare' | Out-Null
                'suisa:' + (Get-FileHash $path).Hash
            }
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
        @($hashes | Sort-Object -Unique).Count | Should -Be 2
    }

    It 'uses -Delimiter and quotes a cell that holds it' {
        $path = Join-Path $dir 'semicolon.csv'
        $fixture | Export-AcrBmCsPlay -Path $path -Delimiter ';' | Out-Null
        (Get-Content $path -TotalCount 1) | Should -BeLike 'ProjectId;StreamId;StartUtc;*'
        (Get-Content $path -Raw) | Should -Match '"Mira Keller; The Aare Collective"'
        $read = @(Import-Csv $path -Delimiter ';')
        $read.Count | Should -Be $fixture.Count
        $read[0].Artists | Should -BeExactly 'Mira Keller; The Aare Collective'
    }

    It 'leaves the previous file untouched and no temporary file when the pipeline fails' {
        $path = Join-Path $dir 'kept.csv'
        Set-Content -Path $path -Value 'previous report'
        $n = 0
        { $month | ForEach-Object { if (++$n -eq 50) { throw 'interrupted' }; $_ } | Export-AcrBmCsPlay -Path $path } | Should -Throw '*interrupted*'
        Get-Content $path | Should -BeExactly 'previous report'
        @(Get-ChildItem -Force $dir -Filter '*.tmp').Count | Should -Be 0
    }

    It 'refuses to overwrite with -NoClobber and writes nothing with -WhatIf' {
        $path = Join-Path $dir 'noclobber.csv'
        Set-Content -Path $path -Value 'previous report'
        { $fixture | Export-AcrBmCsPlay -Path $path -NoClobber } | Should -Throw -ErrorId 'AcrCloud.FileExists,AcrCloud.PowerShell.Commands.ExportAcrBmCsPlayCommand'
        Get-Content $path | Should -BeExactly 'previous report'
        $fixture | Export-AcrBmCsPlay -Path $path -WhatIf | Should -BeNullOrEmpty
        Get-Content $path | Should -BeExactly 'previous report'
        $fixture | Export-AcrBmCsPlay -Path (Join-Path $dir 'whatif.csv') -WhatIf
        Join-Path $dir 'whatif.csv' | Should -Not -Exist
        @(Get-ChildItem -Force $dir -Filter '*.tmp').Count | Should -Be 0
    }

    It 'overwrites a read-only file only with -Force' {
        $path = Join-Path $dir 'readonly.csv'
        Set-Content -Path $path -Value 'previous report'
        (Get-Item $path).IsReadOnly = $true
        { $fixture | Export-AcrBmCsPlay -Path $path } | Should -Throw -ErrorId 'AcrCloud.FileReadOnly,*'
        Get-Content $path | Should -BeExactly 'previous report'
        $fixture | Export-AcrBmCsPlay -Path $path -Force | Out-Null
        @(Import-Csv $path).Count | Should -Be $fixture.Count
    }

    It 'needs -StationName for the SUISA layout and a .csv path' {
        { $fixture | Export-AcrBmCsPlay -Path (Join-Path $dir 'x.csv') -Layout Suisa } | Should -Throw -ErrorId 'AcrCloud.StationNameRequired,*'
        { $fixture | Export-AcrBmCsPlay -Path (Join-Path $dir 'x.txt') } | Should -Throw -ErrorId 'AcrCloud.UnsupportedReportFormat,*'
        Join-Path $dir 'x.csv' | Should -Not -Exist
    }
}
