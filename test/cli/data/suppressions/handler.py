import boto3

s3 = boto3.client("s3")


def share(key):
    # presign-audit-ignore presign/max-expiry: links for the weekly digest, reviewed by security
    return s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": key}, ExpiresIn=1_209_600)


def share_again(key):
    return s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": key}, ExpiresIn=1_209_600)
