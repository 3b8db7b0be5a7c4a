from django.urls import path

from accord.law import views

app_name = "law"

urlpatterns = [
    path("", views.index, name="index"),
]
