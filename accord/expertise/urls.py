from accord.expertise import report_urls

app_name = "expertise"

urlpatterns: list = [*report_urls.urlpatterns]
