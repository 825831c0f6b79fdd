import { Match } from 'aws-cdk-lib/assertions';
import { synth } from './synth';

/** The homework-files stack (CeFiles), as `cdk synth` builds it; cdk-nag's findings are checked in hardening.test.ts. */
const app = synth({ 'ce:homeworkFileRetentionDays': 1234 });
const { files } = app;
const bucketId = Object.entries(files.findResources('AWS::S3::Bucket')).find(([, r]) =>
  JSON.stringify(r).includes('aws:kms'),
)![0];

describe('the homework-files bucket', () => {
  it('is encrypted with its own rotated key, private, versioned, and logs its access', () => {
    files.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'homework-files/' }),
    });
    files.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('refuses every request without TLS and keeps quarantined objects unreadable', () => {
    files.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Deny',
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Condition: { ArnNotEquals: { 'aws:PrincipalArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('keeps files, and each replaced or deleted version, for the records schedule from the context', () => {
    files.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'records-schedule',
            ExpirationInDays: 1234,
            NoncurrentVersionExpiration: { NoncurrentDays: 1234 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          }),
        ]),
      },
    });
  });

  it("lets the web app's origins post upload forms and follow download links (CORS)", () => {
    files.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: ['https://ce-certification.example.org'],
            AllowedMethods: ['POST', 'GET'],
          }),
        ],
      },
    });
  });

  it('is protected by GuardDuty Malware Protection for S3, whose results reach the scan-result function', () => {
    files.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: bucketId }, ObjectPrefixes: ['homework/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: Match.anyValue(),
    });
    files.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } })],
      },
    });
    files.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId }] } },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
  });

  it("gives the API's course function the bucket's name and access to homework/ only", () => {
    const course = Object.values(app.api.findResources('AWS::Lambda::Function')).find((f) =>
      JSON.stringify(f).includes('Attendance and homework'),
    );
    expect(JSON.stringify(course)).toContain('FILES_BUCKET');
    files.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/homework/*']] },
          }),
        ]),
      },
    });
  });

  it('keeps its logical id (a stateful resource)', () => {
    expect(bucketId).toMatch(/^HomeworkFiles[0-9A-F]{8}$/);
  });
});
