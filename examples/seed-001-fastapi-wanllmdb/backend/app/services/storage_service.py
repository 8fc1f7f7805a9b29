"""MinIO object storage wrapper."""
from datetime import timedelta

from minio import Minio

from app.core.config import settings


class StorageService:
    def __init__(self) -> None:
        self.client = Minio(
            settings.MINIO_ENDPOINT,
            access_key=settings.MINIO_ACCESS_KEY,
            secret_key=settings.MINIO_SECRET_KEY,
            secure=settings.ENVIRONMENT == "production",
        )
        self.bucket = settings.MINIO_BUCKET

    def ensure_bucket(self) -> None:
        if not self.client.bucket_exists(self.bucket):
            self.client.make_bucket(self.bucket)

    def get_presigned_upload_url(self, storage_key: str) -> str:
        return self.client.presigned_put_object(
            self.bucket,
            storage_key,
            expires=timedelta(seconds=settings.PRESIGNED_URL_EXPIRE_SECONDS),
        )

    def get_presigned_download_url(self, storage_key: str) -> str:
        return self.client.presigned_get_object(
            self.bucket,
            storage_key,
            expires=timedelta(seconds=settings.PRESIGNED_URL_EXPIRE_SECONDS),
        )

    def delete_object(self, storage_key: str) -> None:
        self.client.remove_object(self.bucket, storage_key)


storage_service = StorageService()
