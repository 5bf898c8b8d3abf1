f = App::Weather.forecast("Lima", days: 2)
[f[:temps], f[:temps].sum / f[:temps].size]
